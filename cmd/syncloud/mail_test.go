package main

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/syncloud/syncloud/internal/auth"
	"github.com/syncloud/syncloud/internal/mail"
	"github.com/syncloud/syncloud/internal/mail/mailtest"
	"github.com/syncloud/syncloud/internal/store"
	"github.com/syncloud/syncloud/internal/store/storetest"
)

// TestMailEndToEnd runs `syncloud serve` with a real mailpit as its SMTP
// server (on SQLite, or PostgreSQL with SYNCLOUD_TEST_DATABASE_URL): an
// invitation made through the API arrives and its link joins the
// organization; a password reset arrives and its link sets the password;
// marketing mail reaches only the user who opted in, and its one-click
// unsubscribe URL opts them out.
func TestMailEndToEnd(t *testing.T) {
	mp := mailtest.Start(t, mailtest.Options{})
	dbCfg := storetest.EmptyConfig(t)
	addr := freeLocalAddr(t)
	base := "http://" + addr
	t.Setenv("SYNCLOUD_DATA_DIR", t.TempDir())
	if dbCfg.DataDir != "" {
		t.Setenv("SYNCLOUD_DATA_DIR", dbCfg.DataDir)
	}
	t.Setenv("SYNCLOUD_DATABASE_URL", dbCfg.DatabaseURL)
	t.Setenv("SYNCLOUD_REDIS_URL", "")
	seed := make([]byte, 32)
	rand.Read(seed)
	t.Setenv("SYNCLOUD_AUDIT_SIGNING_KEY", base64.StdEncoding.EncodeToString(seed))
	t.Setenv("SYNCLOUD_STATE_KEY", base64.StdEncoding.EncodeToString(seed)) // PostgreSQL needs one configured
	t.Setenv("SYNCLOUD_SMTP_URL", "smtp://mailer:secret@"+mp.SMTP)
	t.Setenv("SYNCLOUD_MAIL_FROM", "SynCloud <no-reply@syncloud.test>")

	ctx, cancel := context.WithCancel(context.Background())
	var stdout, stderr syncBuffer
	exit := make(chan int, 1)
	go func() {
		exit <- runServe(ctx, []string{"--addr", addr, "--public-url", base, "--dev"}, nil, &stdout, &stderr)
	}()
	waitForAddr(t, &stderr)

	owner := newWebUser(t, base)
	owner.register("owner@example.com", "Acme Widgets")
	owner.api(http.MethodPost, "/api/v1/org/invitations", map[string]string{"email": "carol@example.com", "role": "member"}, http.StatusCreated)
	invite := mp.WaitFor(t, 10*time.Second, mailtest.To("carol@example.com"))
	link := linkIn(t, invite.Text, regexp.QuoteMeta(base)+`/invitations/accept\?token=\S+`)

	carol := newWebUser(t, base)
	carol.register("carol@example.com", "Carol Org")
	if body := carol.page(http.MethodGet, link, nil, http.StatusOK); !strings.Contains(body, "Acme Widgets") {
		t.Fatalf("invitation page does not name the organization:\n%s", body)
	}
	token, _ := url.ParseQuery(strings.SplitN(link, "?", 2)[1])
	if body := carol.page(http.MethodPost, base+"/invitations/accept", url.Values{"token": token["token"]}, http.StatusOK); !strings.Contains(body, "You joined") {
		t.Fatalf("accepting the invitation:\n%s", body)
	}

	carol.api(http.MethodPost, "/api/v1/auth/password-reset", map[string]string{"email": "carol@example.com"}, http.StatusAccepted)
	reset := mp.WaitFor(t, 10*time.Second, func(m mailtest.Message) bool { return strings.Contains(m.Subject, "Reset") })
	resetLink := linkIn(t, reset.Text, regexp.QuoteMeta(base)+`/login/reset/\S+`)
	carol.page(http.MethodGet, resetLink, nil, http.StatusOK)
	const newPassword = "a fresh passphrase for carol"
	if body := carol.page(http.MethodPost, resetLink, url.Values{"password": {newPassword}, "confirm": {newPassword}}, http.StatusOK); !strings.Contains(body, "password was changed") {
		t.Fatalf("reset page:\n%s", body)
	}
	anon := newWebUser(t, base)
	anon.api(http.MethodPost, "/api/v1/auth/login", map[string]string{"email": "carol@example.com", "password": "a long enough password"}, http.StatusUnauthorized)
	anon.api(http.MethodPost, "/api/v1/auth/login", map[string]string{"email": "carol@example.com", "password": newPassword}, http.StatusOK)

	checkMarketing(t, mp, dbCfg, base)
	if n := countTo(mp.Messages(t), "carol@example.com"); n != 2 {
		t.Errorf("carol got %d messages, want 2 (invitation, reset; no marketing)", n)
	}
	cancel()
	if code := <-exit; code != 0 {
		t.Fatalf("serve exit %d: %s", code, stderr.String())
	}
	if strings.Contains(stderr.String(), "secret") || strings.Contains(stderr.String(), newPassword) {
		t.Error("the server log holds the SMTP password or a mailed secret")
	}
}

// checkMarketing queues marketing mail through a second handle on the
// server's database, as a campaign job would: carol (no opt-in) is
// refused, the owner (opted in) gets it with a one-click link that works.
func checkMarketing(t *testing.T, mp *mailtest.Mailpit, dbCfg store.Config, base string) {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, dbCfg)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	outbox := mail.NewOutbox(db, mail.OutboxOptions{})
	carol, _ := db.UserByEmail(ctx, "carol@example.com")
	if _, err := outbox.Marketing(ctx, carol.ID, "News", "Hello"); !errors.Is(err, mail.ErrNoConsent) {
		t.Fatalf("marketing to carol = %v, want ErrNoConsent", err)
	}
	owner, _ := db.UserByEmail(ctx, "owner@example.com")
	if err := db.SetMarketingOptIn(ctx, owner.ID, true); err != nil {
		t.Fatal(err)
	}
	if _, err := outbox.Marketing(ctx, owner.ID, "News", "Hello"); err != nil {
		t.Fatal(err)
	}
	news := mp.WaitFor(t, 15*time.Second, func(m mailtest.Message) bool { return m.Subject == "News" })
	unsub := strings.Trim(strings.Join(news.Headers["List-Unsubscribe"], ""), "<>")
	if !strings.HasPrefix(unsub, base+"/unsubscribe?token=") || news.To[0].Address != "owner@example.com" {
		t.Fatalf("marketing mail to %v with List-Unsubscribe %q", news.To, unsub)
	}
	resp, err := http.Post(unsub, "application/x-www-form-urlencoded", strings.NewReader("List-Unsubscribe=One-Click"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if u, _ := db.User(ctx, owner.ID); resp.StatusCode != http.StatusOK || u.MarketingOptIn {
		t.Errorf("one-click unsubscribe: status %d, still opted in = %v", resp.StatusCode, u.MarketingOptIn)
	}
}

// webUser is a browser and API client with its own cookies.
type webUser struct {
	t    *testing.T
	base string
	c    *http.Client
	csrf string
}

func newWebUser(t *testing.T, base string) *webUser {
	jar, _ := cookiejar.New(nil)
	return &webUser{t: t, base: base, c: &http.Client{Jar: jar, Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// register signs up through the API and keeps the session.
func (u *webUser) register(email, org string) {
	body := u.api(http.MethodPost, "/api/v1/auth/register", map[string]string{"email": email, "name": "N",
		"org": org, "password": "a long enough password"}, http.StatusCreated)
	var out struct {
		CSRFToken string `json:"csrf_token"`
	}
	if err := json.Unmarshal([]byte(body), &out); err != nil {
		u.t.Fatal(err)
	}
	u.csrf = out.CSRFToken
}

func (u *webUser) api(method, path string, body any, want int) string {
	u.t.Helper()
	b, _ := json.Marshal(body)
	req, _ := http.NewRequest(method, u.base+path, strings.NewReader(string(b)))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set(auth.CSRFHeader, u.csrf)
	return u.send(req, want)
}

var csrfField = regexp.MustCompile(`name="csrf_token" value="([^"]+)"`)

// page loads or posts a portal page; posts carry the last CSRF token a
// page showed.
func (u *webUser) page(method, rawURL string, form url.Values, want int) string {
	u.t.Helper()
	if form != nil {
		form.Set("csrf_token", u.csrf)
	}
	req, _ := http.NewRequest(method, rawURL, strings.NewReader(form.Encode()))
	if method == http.MethodPost {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	body := u.send(req, want)
	if m := csrfField.FindStringSubmatch(body); m != nil {
		u.csrf = m[1]
	}
	return body
}

func (u *webUser) send(req *http.Request, want int) string {
	u.t.Helper()
	resp, err := u.c.Do(req)
	if err != nil {
		u.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != want {
		u.t.Fatalf("%s %s: status %d, want %d: %s", req.Method, req.URL, resp.StatusCode, want, b)
	}
	return string(b)
}

func linkIn(t *testing.T, text, pattern string) string {
	t.Helper()
	m := regexp.MustCompile(pattern).FindString(text)
	if m == "" {
		t.Fatalf("no link matching %s in:\n%s", pattern, text)
	}
	return m
}

func countTo(msgs []mailtest.Message, addr string) int {
	n := 0
	for _, m := range msgs {
		if mailtest.To(addr)(m) {
			n++
		}
	}
	return n
}

func freeLocalAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}
