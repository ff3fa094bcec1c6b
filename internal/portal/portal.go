// Package portal is SynCloud's browser portal: the server-rendered pages
// (landing, sign-up, sign-in, privacy policy, playground, API keys,
// usage, activity log, contact form, support messages for platform admins) mounted
// under the web server's router.
//
// Pages call the domain packages (auth, lml, iac) directly, never the JSON
// API over HTTP. Every page handler lives in its own <noun>_<verb>.go file
// and returns an error; serve (errors.go) is the one place that turns
// errors into responses. Templates are embedded and parsed once by New,
// each page rendering a typed view struct. No page carries an inline
// script: the few scripts are static files, so the server's CSP holds.
package portal

import (
	"context"
	"crypto/ed25519"
	"fmt"
	"log/slog"
	"net/http"

	"github.com/syncloud/syncloud/internal/auth"
	"github.com/syncloud/syncloud/internal/lml"
	"github.com/syncloud/syncloud/internal/mail"
	"github.com/syncloud/syncloud/internal/run"
	"github.com/syncloud/syncloud/internal/store"
	"github.com/syncloud/syncloud/internal/support"
	"github.com/syncloud/syncloud/internal/usage"
)

// Deps are the parts the portal is built from.
type Deps struct {
	Log *slog.Logger
	// Auth signs users up and in, checks sessions and CSRF tokens and
	// manages API keys.
	Auth *auth.Service
	// Audit records the portal's own events (playground generations);
	// auth's services record theirs.
	Audit auth.Auditor
	// DB is the store the activity log reads.
	DB *store.DB
	// AuditKey is the public key that signs the audit checkpoints, for
	// "verify chain".
	AuditKey ed25519.PublicKey
	// Usage answers the usage page; nil reads the store directly (the
	// meter flushes its buffer first, so prefer it).
	Usage *usage.Meter
	// Support stores the contact form's messages.
	Support *support.Service
	// Generator is the LML pipeline the playground runs.
	Generator *lml.Generator
	// OAuthProviders name the sign-in providers configured in Auth
	// ("google", "github"); the sign-in page offers a button for each.
	OAuthProviders []string
	// Runs serves the workspaces, runs and playground plan/apply pages;
	// nil answers them with 503.
	Runs *run.Service
	// PublicURL is the platform's base URL shown in the agent install
	// instructions; "" derives it from the request.
	PublicURL string
	// ClientIP returns the client's address behind trusted proxies; nil
	// uses the peer address.
	ClientIP func(*http.Request) string
	// Unsubscribes honours the one-click unsubscribe links of marketing
	// mail (/unsubscribe); nil answers those pages with 404.
	Unsubscribes *mail.Unsubscribes
	// NotePrincipal and NotePrompt tell the web server's usage meter who
	// made a signed-in page request and the prompt it carried, so pages are
	// metered like the API (web.NotePrincipal, web.NotePrompt); nil meters
	// nothing.
	NotePrincipal func(context.Context, auth.Principal)
	NotePrompt    func(context.Context, string)
	// Connections seals AWS access keys and checks role connections for
	// the AWS connections settings; nil makes that page read-only.
	Connections *Connections
	// Health are the checks the Admin Console runs besides the database
	// (Redis when configured).
	Health []HealthCheck
	// Version names the running build on the Admin Console.
	Version string
}

// Portal is the http.Handler of the portal's pages and static assets.
type Portal struct {
	log   *slog.Logger
	deps  Deps
	pages *pages
	mux   *http.ServeMux
}

// New parses the templates and registers the routes.
func New(d Deps) (*Portal, error) {
	if d.Auth == nil || d.Generator == nil || d.DB == nil || d.Support == nil {
		return nil, fmt.Errorf("portal: Auth, DB, Support and Generator are required")
	}
	pg, err := parsePages()
	if err != nil {
		return nil, err
	}
	p := &Portal{log: d.Log, deps: d, pages: pg, mux: http.NewServeMux()}
	if p.log == nil {
		p.log = slog.New(slog.DiscardHandler)
	}
	for _, rt := range p.routes() {
		p.mux.Handle(rt.pattern, p.serve(rt))
	}
	p.mux.Handle("/static/", staticHandler())
	p.mux.Handle("/", p.serve(route{handler: p.notFound}))
	return p, nil
}

// ServeHTTP serves one portal request.
func (p *Portal) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p.mux.ServeHTTP(w, r)
}
