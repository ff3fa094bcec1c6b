package portal

import (
	"context"
	"crypto/ed25519"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/syncloud/syncloud/internal/audit"
	"github.com/syncloud/syncloud/internal/auth"
	"github.com/syncloud/syncloud/internal/lml"
	"github.com/syncloud/syncloud/internal/lml/rules"
	"github.com/syncloud/syncloud/internal/store"
	"github.com/syncloud/syncloud/internal/store/storetest"
	"github.com/syncloud/syncloud/internal/support"
	"github.com/syncloud/syncloud/internal/web"
)

// testPortal is the portal on a real store with the real auth services,
// audit writer and rules engine, served over HTTP.
type testPortal struct {
	db    *store.DB
	srv   *httptest.Server
	audit *audit.Writer
}

func newTestPortal(t *testing.T) *testPortal {
	t.Helper()
	db := storetest.Open(t)
	_, key, _ := ed25519.GenerateKey(nil)
	w, err := audit.NewWriter(db, audit.Options{SigningKey: key})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close(context.Background()) }) // before the database closes
	svc, err := auth.New(auth.Config{DB: db, Audit: web.AuditBridge{Writer: w},
		Secret: []byte(strings.Repeat("k", 32)), Insecure: true})
	if err != nil {
		t.Fatal(err)
	}
	p, err := New(Deps{Auth: svc, Audit: web.AuditBridge{Writer: w}, DB: db, Support: &support.Service{DB: db}, AuditKey: key.Public().(ed25519.PublicKey),
		Generator: &lml.Generator{Engine: rules.Engine{}}, OAuthProviders: []string{"github"}})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(p)
	t.Cleanup(srv.Close)
	return &testPortal{db: db, srv: srv, audit: w}
}

// browser is a client with its own cookie jar that does not follow
// redirects, so that tests see them.
type browser struct {
	t    *testing.T
	base string
	c    *http.Client
	csrf string
}

// user is the signed-up user of email with their first organization.
func (tp *testPortal) user(t *testing.T, email string) (*store.User, int64) {
	t.Helper()
	ctx := context.Background()
	u, err := tp.db.UserByEmail(ctx, email)
	if err != nil {
		t.Fatal(err)
	}
	ms, err := tp.db.UserMemberships(ctx, u.ID)
	if err != nil || len(ms) == 0 {
		t.Fatalf("memberships of %s: %v", email, err)
	}
	return u, ms[0].OrgID
}

func (tp *testPortal) browser(t *testing.T) *browser {
	return newHTTPBrowser(t, tp.srv.URL)
}

func newHTTPBrowser(t *testing.T, base string) *browser {
	jar, _ := cookiejar.New(nil)
	return &browser{t: t, base: base, c: &http.Client{Jar: jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

var csrfRe = regexp.MustCompile(`name="csrf_token" value="([^"]+)"`)

// do sends a request and returns status, Location and body; it remembers
// the last CSRF token a page carried.
func (b *browser) do(method, path string, form url.Values) (int, string, string) {
	b.t.Helper()
	req, err := http.NewRequest(method, b.base+path, strings.NewReader(form.Encode()))
	if err != nil {
		b.t.Fatal(err)
	}
	if method == http.MethodPost {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	resp, err := b.c.Do(req)
	if err != nil {
		b.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if m := csrfRe.FindSubmatch(body); m != nil {
		b.csrf = string(m[1])
	}
	return resp.StatusCode, resp.Header.Get("Location"), string(body)
}

// post sends a form with the remembered CSRF token.
func (b *browser) post(path string, form url.Values) (int, string, string) {
	b.t.Helper()
	if form == nil {
		form = url.Values{}
	}
	form.Set("csrf_token", b.csrf)
	return b.do(http.MethodPost, path, form)
}

// signUp registers a new user and organization and loads the playground.
func (b *browser) signUp(email, org string) {
	b.t.Helper()
	st, loc, body := b.do(http.MethodPost, "/signup", url.Values{"name": {"Ada"}, "org": {org},
		"email": {email}, "password": {"correct horse battery staple"}})
	if st != http.StatusSeeOther || loc != "/playground" {
		b.t.Fatalf("sign-up: %d %q\n%s", st, loc, body)
	}
	if st, _, _ := b.do(http.MethodGet, "/playground", nil); st != http.StatusOK {
		b.t.Fatalf("playground after sign-up: %d", st)
	}
}
