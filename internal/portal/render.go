package portal

import (
	"bytes"
	"context"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"strings"
	"time"

	"github.com/syncloud/syncloud/internal/auth"
)

//go:embed templates/*.html
var templateFS embed.FS

// pages are the parsed templates, one set per page, each the layout plus
// the page's own file.
type pages struct {
	sets map[string]*template.Template
}

// funcs are the helpers templates may call.
var funcs = template.FuncMap{
	"date": func(t time.Time) string { return t.UTC().Format("2006-01-02 15:04 UTC") },
	"join": strings.Join,
}

// parsePages parses every page template with the layout at start-up.
func parsePages() (*pages, error) {
	names, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		return nil, err
	}
	pg := &pages{sets: map[string]*template.Template{}}
	for _, n := range names {
		name := strings.TrimSuffix(path.Base(n), ".html")
		if name == "layout" {
			continue
		}
		t, err := template.New("layout.html").Funcs(funcs).ParseFS(templateFS, "templates/layout.html", n)
		if err != nil {
			return nil, fmt.Errorf("parse template %s: %w", name, err)
		}
		pg.sets[name] = t
	}
	return pg, nil
}

// execute renders page name with its view into a buffer.
func (pg *pages) execute(name string, v any) ([]byte, error) {
	t, ok := pg.sets[name]
	if !ok {
		return nil, fmt.Errorf("no template %q", name)
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, v); err != nil {
		return nil, fmt.Errorf("render %s: %w", name, err)
	}
	return buf.Bytes(), nil
}

// render writes page name with status; a template failure is a 500.
func (p *Portal) render(w http.ResponseWriter, status int, name string, v any) {
	b, err := p.pages.execute(name, v)
	if err != nil {
		p.log.Error("render page", "page", name, "error", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

// Page is the part of every view the layout reads.
type Page struct {
	Title    string
	SignedIn bool
	// CSRF is the signed-in session's token for the forms' hidden field.
	CSRF string
	// Path is the request path, to mark the current navigation entry.
	Path string
	// PlatformAdmin shows the Admin Console in the navigation.
	PlatformAdmin bool
	// Tabs are the section's sub-navigation (settings, Admin Console).
	Tabs []Tab
}

// page builds the layout's view for r, signed in when r's session is.
func (p *Portal) page(r *http.Request, title string) Page {
	pg := Page{Title: title, Path: r.URL.Path}
	pr, ok := principalFrom(r.Context())
	if !ok {
		// Read as a GET: a form refused for its CSRF token still shows
		// the signed-in header on its error page.
		rg := r.Clone(r.Context())
		rg.Method = http.MethodGet
		var err error
		pr, err = p.deps.Auth.Session(rg)
		ok = err == nil
	}
	if ok {
		pg.SignedIn, pg.CSRF = true, p.deps.Auth.CSRF.Token(pr.SessionID)
		pg.PlatformAdmin = p.isPlatformAdmin(r.Context(), pr.UserID)
		pg.Tabs = sectionTabs(r.URL.Path, pg.PlatformAdmin)
	}
	return pg
}

type principalKey struct{}

func withPrincipal(ctx context.Context, pr auth.Principal) context.Context {
	return context.WithValue(ctx, principalKey{}, pr)
}

func principalFrom(ctx context.Context) (auth.Principal, bool) {
	pr, ok := ctx.Value(principalKey{}).(auth.Principal)
	return pr, ok
}

// mustPrincipal is the signed-in caller of a signedIn route.
func mustPrincipal(ctx context.Context) auth.Principal {
	pr, _ := principalFrom(ctx)
	return pr
}
