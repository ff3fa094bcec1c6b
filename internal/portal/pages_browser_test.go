package portal

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// pageKind says how the audit visits a GET route.
type pageKind int

const (
	signedInPage pageKind = iota // a page of the signed-in browser
	publicPage                   // a page of a visitor without a session
	inviteePage                  // the invitation page, for the invited user
	notAPage                     // a download, stream or redirect: headers only
)

// pageCase is one GET route's concrete path (path values and query filled
// in from the seed) and how to visit it.
type pageCase struct {
	path string
	kind pageKind
}

// cases maps every GET pattern of routes() to its case; a route missing
// here fails TestBrowserEveryPage, so a new page cannot be forgotten.
func (sd *pagesSeed) cases() map[string]pageCase {
	return map[string]pageCase{
		"/{$}":                   {"/", publicPage},
		"/privacy":               {"/privacy", publicPage},
		"/contact":               {"/contact", publicPage},
		"/signup":                {"/signup", publicPage},
		"/login":                 {"/login", publicPage},
		"/login/reset":           {"/login/reset", publicPage},
		"/login/reset/{token}":   {"/login/reset/" + sd.resetToken, publicPage},
		"/unsubscribe":           {"/unsubscribe?token=" + url.QueryEscape(sd.unsubToken), publicPage},
		"/invitations/accept":    {"/invitations/accept?token=" + url.QueryEscape(sd.inviteToken), inviteePage},
		"/playground":            {"/playground", signedInPage},
		"/workspaces":            {"/workspaces", signedInPage},
		"/workspaces/{id}":       {"/workspaces/" + sd.workspace, signedInPage},
		"/runs/{id}":             {"/runs/" + sd.run, signedInPage},
		"/agents":                {"/agents", signedInPage},
		"/keys":                  {"/keys", signedInPage},
		"/usage":                 {"/usage", signedInPage},
		"/activity":              {"/activity", signedInPage},
		"/settings":              {"/settings", signedInPage},
		"/settings/organization": {"/settings/organization", signedInPage},
		"/settings/members":      {"/settings/members", signedInPage},
		"/settings/connections":  {"/settings/connections", signedInPage},
		"/admin":                 {"/admin", signedInPage},
		"/admin/users":           {"/admin/users", signedInPage},
		"/admin/organizations":   {"/admin/organizations", signedInPage},
		"/admin/audit":           {"/admin/audit", signedInPage},
		"/admin/support":         {"/admin/support", signedInPage},
		"/admin/outbox":          {"/admin/outbox", signedInPage},

		"/workspaces/{id}/state/{serial}": {"/workspaces/" + sd.workspace + "/state/" + sd.serial, notAPage},
		"/runs/{id}/events":               {"/runs/" + sd.run + "/events?after=0", notAPage},
		"/activity/export":                {"/activity/export?format=jsonl", notAPage},
		"/account":                        {"/account", notAPage},
	}
}

// getRoutes lists the GET routes of routes() by path pattern.
func getRoutes(p *Portal) []route {
	var out []route
	for _, rt := range p.routes() {
		if path, ok := strings.CutPrefix(rt.pattern, "GET "); ok {
			rt.pattern = path
			out = append(out, rt)
		}
	}
	return out
}

// pageName is a route's screenshot name: "/settings/members" is
// settings-members, "/{$}" home, "/runs/{id}" runs-id.
func pageName(pattern string) string {
	if pattern == "/{$}" {
		return "home"
	}
	return strings.NewReplacer("/", "-", "{", "", "}", "").Replace(strings.TrimPrefix(pattern, "/"))
}

// TestBrowserEveryPage audits every GET page of routes() in headless
// Chromium on a seeded organization (GitHub issue 5): each answers 200
// with the security headers, does not scroll sideways at 390 or 1440 px,
// names every visible form control, lets Tab reach every control with a
// visible focus style, and logs no console error. Screenshots go to
// .ci/artifacts/pages/<page>-<width>.png; with SYNCLOUD_DOCS_SCREENSHOTS=1
// the JPEG copies under docs/portal/ are refreshed too.
func TestBrowserEveryPage(t *testing.T) {
	requireChromium(t)
	site := newPagesSite(t)
	sd := site.seed(t)
	cases := sd.cases()
	routes := getRoutes(site.p)
	for _, rt := range routes {
		if _, ok := cases[rt.pattern]; !ok {
			t.Errorf("GET %s has no case in pagesSeed.cases: add its path so the audit visits it", rt.pattern)
		}
	}
	checkNotPages(t, sd, routes, cases)

	ctx, problems := newBrowserFor(t, 6*time.Minute)
	visitor, cancel := chromedp.NewContext(ctx, chromedp.WithNewBrowserContext())
	defer cancel()
	visitorProblems := consoleProblems(visitor)
	for _, rt := range routes {
		if c := cases[rt.pattern]; c.kind == publicPage {
			auditPage(t, visitor, pageName(rt.pattern), site.base+c.path)
		}
	}
	forms := formCases(sd)
	auditRejections(t, visitor, site.base, slices.DeleteFunc(slices.Clone(forms), func(f formCase) bool { return !f.visitor }))
	signInThroughRedirect(t, visitor, site.base, "grace@example.com", "/settings")
	auditPage(t, visitor, pageName("/invitations/accept"), site.base+cases["/invitations/accept"].path)

	signInThroughRedirect(t, ctx, site.base, "ada@example.com", "/playground")
	for _, rt := range routes {
		if c := cases[rt.pattern]; c.kind == signedInPage {
			auditPage(t, ctx, pageName(rt.pattern), site.base+c.path)
		}
	}
	auditRejections(t, ctx, site.base, slices.DeleteFunc(slices.Clone(forms), func(f formCase) bool { return f.visitor }))
	resp, err := chromedp.RunResponse(ctx, chromedp.Navigate(site.base+"/no-such-page"))
	if err != nil {
		t.Fatal(err)
	}
	auditResponse(t, ctx, "not-found", resp, http.StatusNotFound)
	if p := slices.DeleteFunc(append(problems(), visitorProblems()...), expectedStatus(forms)); len(p) > 0 {
		t.Errorf("the browser reported problems:\n%s", strings.Join(p, "\n"))
	}
}

// expectedStatus matches the console's report of a rejected form's or
// the not-found page's status, which is no problem.
func expectedStatus(forms []formCase) func(string) bool {
	return func(m string) bool {
		if strings.HasSuffix(m, "/no-such-page]") {
			return true
		}
		for _, f := range forms {
			if strings.Contains(m, fmt.Sprintf("status of %d (", f.status)) && strings.HasSuffix(m, f.action+"]") {
				return true
			}
		}
		return false
	}
}

// checkNotPages fetches the downloads, the event stream, the redirect,
// the static files and the not-found page as the owner: each answers
// with the security headers.
func checkNotPages(t *testing.T, sd *pagesSeed, routes []route, cases map[string]pageCase) {
	t.Helper()
	want := map[string]int{"/static/portal.css": http.StatusOK, "/static/portal.js": http.StatusOK,
		"/static/favicon.svg": http.StatusOK, "/no-such-page": http.StatusNotFound}
	for _, rt := range routes {
		if c := cases[rt.pattern]; c.kind == notAPage {
			want[c.path] = http.StatusOK
		}
	}
	for path, status := range want {
		resp := sd.owner.get(path)
		redirect := status == http.StatusOK && resp.StatusCode == http.StatusSeeOther // /account
		if resp.StatusCode != status && !redirect {
			t.Errorf("GET %s = %d, want %d", path, resp.StatusCode, status)
		}
		for _, p := range headerProblems(resp.Header.Get) {
			t.Errorf("GET %s: %s", path, p)
		}
	}
}

// TestSignedInPagesRedirectEveryRoute checks every signed-in GET route
// of routes() sends a visitor without a session to /login?next=<path>.
func TestSignedInPagesRedirectEveryRoute(t *testing.T) {
	site := newPagesSite(t)
	sd := site.seed(t)
	cases := sd.cases()
	visitor := newHTTPBrowser(t, site.base)
	for _, rt := range getRoutes(site.p) {
		if !rt.signedIn {
			continue
		}
		path, _, _ := strings.Cut(cases[rt.pattern].path, "?")
		st, loc, _ := visitor.do(http.MethodGet, path, nil)
		if want := "/login?next=" + url.QueryEscape(path); st != http.StatusSeeOther || loc != want {
			t.Errorf("GET %s without a session = %d %q, want 303 %q", path, st, loc, want)
		}
	}
}

// signInThroughRedirect opens a signed-in page without a session, signs
// in on the page it is sent to and checks it comes back.
func signInThroughRedirect(t *testing.T, ctx context.Context, base, email, path string) {
	t.Helper()
	do(t, ctx, "sign in "+email,
		chromedp.Navigate(base+path),
		chromedp.WaitVisible(chromedp.CSS("#password")),
		chromedp.SendKeys(chromedp.CSS("#email"), email),
		chromedp.SendKeys(chromedp.CSS("#password"), seedPassword),
		chromedp.Submit(chromedp.CSS("#password")),
		chromedp.WaitVisible(chromedp.CSS(`nav [action="/logout"]`)))
	if got := eval[string](t, ctx, `location.pathname`); got != path {
		t.Errorf("after signing in from %s the browser is on %s", path, got)
	}
}

// headerProblems lists what is missing from a response's security
// headers: a CSP allowing no inline script and no framing, and nosniff.
func headerProblems(get func(string) string) []string {
	var out []string
	csp := get("Content-Security-Policy")
	scripts := cspDirective(csp, "script-src")
	if scripts == "" {
		scripts = cspDirective(csp, "default-src")
	}
	if scripts == "" || strings.Contains(scripts, "'unsafe-inline'") {
		out = append(out, fmt.Sprintf("CSP %q allows inline scripts or sets no script source", csp))
	}
	if cspDirective(csp, "frame-ancestors") != "'none'" {
		out = append(out, fmt.Sprintf("CSP %q lacks frame-ancestors 'none'", csp))
	}
	if get("X-Content-Type-Options") != "nosniff" {
		out = append(out, "X-Content-Type-Options is not nosniff")
	}
	return out
}

// cspDirective returns the sources of one directive of a policy.
func cspDirective(csp, name string) string {
	for d := range strings.SplitSeq(csp, ";") {
		if rest, ok := strings.CutPrefix(strings.TrimSpace(d), name+" "); ok {
			return strings.TrimSpace(rest)
		}
	}
	return ""
}

// responseHeader reads a header of a browser response by any case.
func responseHeader(h network.Headers) func(string) string {
	return func(name string) string {
		for k, v := range h {
			if strings.EqualFold(k, name) {
				return fmt.Sprint(v)
			}
		}
		return ""
	}
}

// get fetches path with the browser's session.
func (b *browser) get(path string) *http.Response {
	b.t.Helper()
	resp, err := b.c.Get(b.base + path)
	if err != nil {
		b.t.Fatal(err)
	}
	resp.Body.Close()
	return resp
}

var outlineNone = regexp.MustCompile(`(?s)([^{}]*)\{[^}]*outline\s*:\s*(none|0)\b[^}]*\}`)

// TestStylesKeepFocusVisible fails on a rule that removes the outline
// without a focus style of its own in the same rule.
func TestStylesKeepFocusVisible(t *testing.T) {
	files, err := filepath.Glob("static/*.css")
	if err != nil || len(files) == 0 {
		t.Fatalf("stylesheets: %v", err)
	}
	for _, f := range files {
		css, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range outlineNone.FindAllStringSubmatch(string(css), -1) {
			if !strings.Contains(m[0], "box-shadow") && !strings.Contains(m[0], "border") {
				t.Errorf("%s: %q removes the outline without another focus style", f, strings.TrimSpace(m[1]))
			}
		}
	}
}
