package web

import (
	"context"
	"crypto/ed25519"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/redis/go-redis/v9"

	"github.com/syncloud/syncloud/internal/audit"
	"github.com/syncloud/syncloud/internal/auth"
	"github.com/syncloud/syncloud/internal/lml"
	"github.com/syncloud/syncloud/internal/store"
	"github.com/syncloud/syncloud/internal/store/storetest"
	"github.com/syncloud/syncloud/internal/usage"
)

// platform is a server built from the real parts: the database of the
// environment (SQLite, or PostgreSQL with SYNCLOUD_TEST_DATABASE_URL),
// Redis when SYNCLOUD_TEST_REDIS_URL is set, the audit writer, the usage
// meter and internal/auth. Only mail leaves through a recording Mailer.
type platform struct {
	t     *testing.T
	db    *store.DB
	srv   *httptest.Server
	auth  *auth.Service
	audit *audit.Writer
	usage *usage.Meter
	key   ed25519.PrivateKey
	mail  *mailbox
	runs  *RunDeps
}

// mailbox records mail instead of sending it.
type mailbox struct {
	mu   sync.Mutex
	sent []auth.Mail
}

func (m *mailbox) Enqueue(_ context.Context, mail auth.Mail) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.sent = append(m.sent, mail)
	return nil
}

func newPlatform(t *testing.T, oauth ...auth.OAuthProvider) *platform {
	t.Helper()
	p := &platform{t: t, db: storetest.Open(t), mail: &mailbox{}}
	_, p.key, _ = ed25519.GenerateKey(nil)
	var err error
	if p.audit, err = audit.NewWriter(p.db, audit.Options{SigningKey: p.key}); err != nil {
		t.Fatal(err)
	}
	p.usage = usage.New(p.db, usage.Options{})
	p.auth, err = auth.New(auth.Config{DB: p.db, Redis: testRedis(t), RedisPrefix: fmt.Sprintf("test:%p:", p),
		Audit: AuditBridge{Writer: p.audit}, Secret: []byte(strings.Repeat("s", 32)), Mailer: p.mail, BaseURL: "http://portal.test", OAuth: oauth})
	if err != nil {
		t.Fatal(err)
	}
	p.runs = testRunDeps(t, p.db, p.audit)
	s := New(Deps{
		MapError: MapDomainError, Auth: p.auth, Services: p.auth, DB: p.db,
		Audit: AuditBridge{Writer: p.audit}, Meter: UsageMeter{Meter: p.usage}, Usage: p.usage,
		Generator: LMLGenerator{Pipeline: &lml.Generator{Engine: bucketEngine{}}},
		Runs:      p.runs,
	})
	p.srv = httptest.NewServer(s)
	t.Cleanup(func() {
		p.srv.Close()
		p.usage.Close(context.Background())
		p.audit.Close(context.Background())
	})
	return p
}

// testRedis returns a client for SYNCLOUD_TEST_REDIS_URL, or nil (and the
// database keeps sessions) when it is not set.
func testRedis(t *testing.T) redis.UniversalClient {
	u := os.Getenv("SYNCLOUD_TEST_REDIS_URL")
	if u == "" {
		return nil
	}
	opts, err := redis.ParseURL(u)
	if err != nil {
		t.Fatalf("SYNCLOUD_TEST_REDIS_URL: %v", err)
	}
	rdb := redis.NewClient(opts)
	t.Cleanup(func() { rdb.Close() })
	return rdb
}

// client is a signed-in browser (cookie and CSRF token) or an API key.
type client struct {
	p      *platform
	cookie *http.Cookie
	csrf   string
	key    string
	org    int64
	userID int64
}

// register creates a user owning a new organization and signs them in.
func (p *platform) register(email string) *client {
	p.t.Helper()
	c := &client{p: p}
	var out signedIn
	c.mustDo(http.MethodPost, "/api/v1/auth/register", map[string]string{
		"email": email, "name": "User " + email, "org": "Org of " + email, "password": "a long enough password",
	}, http.StatusCreated, &out)
	c.csrf, c.org, c.userID = out.CSRFToken, out.OrgID, out.UserID
	return c
}

// join adds a new user to c's organization with role and returns them
// signed in, acting in that organization.
func (c *client) join(email string, role auth.Role) *client {
	c.p.t.Helper()
	u := c.p.register(email)
	if err := c.p.db.AddMembership(context.Background(), c.org, u.userID, role.String()); err != nil {
		c.p.t.Fatal(err)
	}
	u.org = c.org
	return u
}

// newKey creates an API key of c's organization with scopes.
func (c *client) newKey(scopes ...string) (*client, int64) {
	c.p.t.Helper()
	var out keyCreated
	c.mustDo(http.MethodPost, "/api/v1/keys", map[string]any{"name": "test key", "scopes": scopes}, http.StatusCreated, &out)
	return &client{p: c.p, key: out.Key, org: c.org}, out.ID
}

// do sends a request as c and returns the status and body.
func (c *client) do(method, path string, body any) (int, []byte) {
	c.p.t.Helper()
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = strings.NewReader(string(b))
	}
	req, err := http.NewRequest(method, c.p.srv.URL+path, rd)
	if err != nil {
		c.p.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	switch {
	case c.key != "":
		req.Header.Set("Authorization", "Bearer "+c.key)
	case c.cookie != nil:
		req.AddCookie(c.cookie)
		req.Header.Set(auth.CSRFHeader, c.csrf)
		req.Header.Set(auth.OrgHeader, fmt.Sprint(c.org))
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		c.p.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	for _, ck := range resp.Cookies() {
		if ck.Name == c.p.auth.Cookies.Name() {
			c.cookie = ck
		}
	}
	return resp.StatusCode, b
}

func (c *client) mustDo(method, path string, body any, want int, out any) {
	c.p.t.Helper()
	status, b := c.do(method, path, body)
	if status != want {
		c.p.t.Fatalf("%s %s: status %d, want %d: %s", method, path, status, want, b)
	}
	if out != nil {
		if err := json.Unmarshal(b, out); err != nil {
			c.p.t.Fatalf("%s %s: %v: %s", method, path, err, b)
		}
	}
}
