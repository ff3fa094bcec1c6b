package portal

import (
	"context"
	"crypto/ed25519"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/syncloud/syncloud/internal/audit"
	"github.com/syncloud/syncloud/internal/auth"
	"github.com/syncloud/syncloud/internal/lml"
	"github.com/syncloud/syncloud/internal/lml/rules"
	"github.com/syncloud/syncloud/internal/mail"
	"github.com/syncloud/syncloud/internal/store/storetest"
	"github.com/syncloud/syncloud/internal/support"
	"github.com/syncloud/syncloud/internal/web"
)

// mailPortal is the test portal with the real mail outbox, holding mail
// as the embedded default does without an SMTP server, and one-click
// unsubscribe links.
type mailPortal struct {
	*testPortal
	auth  *auth.Service
	unsub *mail.Unsubscribes
}

func newMailPortal(t *testing.T) *mailPortal {
	t.Helper()
	db := storetest.Open(t)
	_, key, _ := ed25519.GenerateKey(nil)
	w, err := audit.NewWriter(db, audit.Options{SigningKey: key})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close(context.Background()) })
	auditor := web.AuditBridge{Writer: w}
	svc, err := auth.New(auth.Config{DB: db, Audit: auditor, Secret: []byte(strings.Repeat("k", 32)), Insecure: true,
		Mailer: mail.NewOutbox(db, mail.OutboxOptions{Hold: true}), BaseURL: "http://portal.test"})
	if err != nil {
		t.Fatal(err)
	}
	unsub, err := mail.NewUnsubscribes(db, []byte(strings.Repeat("u", 32)), "http://portal.test", auditor)
	if err != nil {
		t.Fatal(err)
	}
	p, err := New(Deps{Auth: svc, Audit: auditor, DB: db, Support: &support.Service{DB: db},
		Generator: &lml.Generator{Engine: rules.Engine{}}, Unsubscribes: unsub})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(p)
	t.Cleanup(srv.Close)
	return &mailPortal{testPortal: &testPortal{db: db, srv: srv}, auth: svc, unsub: unsub}
}

// platformAdmin signs up a user and makes them a platform admin.
func (mp *mailPortal) platformAdmin(t *testing.T, email string) *browser {
	t.Helper()
	b := mp.browser(t)
	b.signUp(email, "Operators "+email)
	u, err := mp.db.UserByEmail(context.Background(), email)
	if err != nil {
		t.Fatal(err)
	}
	if err := mp.db.SetPlatformAdmin(context.Background(), u.ID, true); err != nil {
		t.Fatal(err)
	}
	return b
}

var heldResetLink = regexp.MustCompile(`http://portal\.test(/login/reset/[A-Za-z0-9_-]+)`)

func TestPasswordResetThroughPortal(t *testing.T) {
	mp := newMailPortal(t)
	ada := mp.browser(t)
	ada.signUp("ada@example.com", "Ada Org")
	visitor := mp.browser(t)
	if _, _, body := visitor.do(http.MethodGet, "/login", nil); !strings.Contains(body, `href="/login/reset"`) {
		t.Fatal("sign-in page has no Forgot password link")
	}
	st, _, body := visitor.do(http.MethodPost, "/login/reset", url.Values{"email": {"not-an-address"}})
	if st != http.StatusUnprocessableEntity || !strings.Contains(body, `id="email-error"`) || !strings.Contains(body, `value="not-an-address"`) {
		t.Fatalf("malformed address: %d, error or input missing\n%s", st, body)
	}
	_, _, known := visitor.do(http.MethodPost, "/login/reset", url.Values{"email": {"ada@example.com"}})
	_, _, unknown := visitor.do(http.MethodPost, "/login/reset", url.Values{"email": {"bob@example.com"}})
	if !strings.Contains(known, "If an account uses") || strings.ReplaceAll(known, "ada@", "bob@") != unknown {
		t.Fatalf("answers for a known and an unknown address differ:\n%s\n---\n%s", known, unknown)
	}

	if st, _, _ := ada.do(http.MethodGet, "/admin/outbox", nil); st != http.StatusNotFound {
		t.Fatalf("outbox for a non-admin: %d, want 404", st)
	}
	ops := mp.platformAdmin(t, "ops@example.com")
	st, _, body = ops.do(http.MethodGet, "/admin/outbox", nil)
	link := heldResetLink.FindStringSubmatch(body)
	if st != http.StatusOK || link == nil || !strings.Contains(body, "ada@example.com") {
		t.Fatalf("outbox: %d, no held reset mail for ada\n%s", st, body)
	}

	if st, _, _ := visitor.do(http.MethodGet, link[1], nil); st != http.StatusOK {
		t.Fatalf("reset page: %d", st)
	}
	st, _, body = visitor.do(http.MethodPost, link[1], url.Values{"password": {"a brand new passphrase"}, "confirm": {"another"}})
	if st != http.StatusUnprocessableEntity || !strings.Contains(body, `id="confirm-error"`) {
		t.Fatalf("mismatch: %d\n%s", st, body)
	}
	st, _, body = visitor.do(http.MethodPost, link[1], url.Values{"password": {"short"}, "confirm": {"short"}})
	if st != http.StatusUnprocessableEntity || !strings.Contains(body, `id="password-error"`) {
		t.Fatalf("weak password: %d\n%s", st, body)
	}
	st, _, body = visitor.do(http.MethodPost, link[1], url.Values{"password": {"a brand new passphrase"}, "confirm": {"a brand new passphrase"}})
	if st != http.StatusOK || !strings.Contains(body, "Your password was changed") {
		t.Fatalf("reset: %d\n%s", st, body)
	}
	if st, loc, _ := ada.do(http.MethodGet, "/playground", nil); st != http.StatusSeeOther || !strings.HasPrefix(loc, "/login") {
		t.Errorf("old session after reset: %d %q, want a redirect to sign in", st, loc)
	}
	st, loc, _ := visitor.do(http.MethodPost, "/login", url.Values{"email": {"ada@example.com"}, "password": {"a brand new passphrase"}})
	if st != http.StatusSeeOther || loc != "/playground" {
		t.Errorf("sign in with the new password: %d %q", st, loc)
	}
	if st, _, _ := visitor.do(http.MethodGet, link[1], nil); st != http.StatusGone {
		t.Errorf("used link: %d, want 410", st)
	}
	token := strings.TrimPrefix(link[1], "/login/reset/")
	if st, loc, _ := visitor.do(http.MethodGet, "/login/reset?token="+token, nil); st != http.StatusSeeOther || loc != link[1] {
		t.Errorf("?token= form: %d %q, want a redirect to %s", st, loc, link[1])
	}
}

func TestOneClickUnsubscribe(t *testing.T) {
	mp := newMailPortal(t)
	ctx := context.Background()
	b := mp.browser(t)
	b.signUp("ada@example.com", "Ada Org")
	u, _ := mp.db.UserByEmail(ctx, "ada@example.com")
	if err := mp.db.SetMarketingOptIn(ctx, u.ID, true); err != nil {
		t.Fatal(err)
	}
	path := "/unsubscribe?token=" + url.QueryEscape(mp.unsub.Token(u.ID))
	visitor := mp.browser(t)
	st, _, body := visitor.do(http.MethodGet, path, nil)
	if st != http.StatusOK || !strings.Contains(body, "ada@example.com") {
		t.Fatalf("confirmation page: %d\n%s", st, body)
	}
	if got, _ := mp.db.User(ctx, u.ID); !got.MarketingOptIn {
		t.Fatal("opening the link unsubscribed (it must take a POST)")
	}
	// RFC 8058: the mail client POSTs List-Unsubscribe=One-Click, with no
	// cookie and no CSRF token.
	st, _, _ = visitor.do(http.MethodPost, path, url.Values{"List-Unsubscribe": {"One-Click"}})
	if got, _ := mp.db.User(ctx, u.ID); st != http.StatusOK || got.MarketingOptIn {
		t.Fatalf("one-click POST: %d, opted in = %v", st, got.MarketingOptIn)
	}
	if st, _, _ := visitor.do(http.MethodPost, "/unsubscribe", url.Values{"token": {mp.unsub.Token(u.ID) + "x"}}); st != http.StatusBadRequest {
		t.Errorf("altered token: %d, want 400", st)
	}
}
