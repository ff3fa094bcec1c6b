package portal

import (
	"context"
	"crypto/ed25519"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/syncloud/syncloud/internal/audit"
	"github.com/syncloud/syncloud/internal/auth"
	"github.com/syncloud/syncloud/internal/lml"
	"github.com/syncloud/syncloud/internal/lml/rules"
	"github.com/syncloud/syncloud/internal/mail"
	"github.com/syncloud/syncloud/internal/run"
	"github.com/syncloud/syncloud/internal/store"
	"github.com/syncloud/syncloud/internal/store/storetest"
	"github.com/syncloud/syncloud/internal/support"
	"github.com/syncloud/syncloud/internal/tfstate"
	"github.com/syncloud/syncloud/internal/usage"
	"github.com/syncloud/syncloud/internal/web"
)

// pagesSite is the web server with the portal and every optional part
// wired, as `syncloud serve` does: the runs service and API, held mail,
// one-click unsubscribe, AWS connections (STS stand-in) and the usage
// meter.
type pagesSite struct {
	base  string
	p     *Portal
	db    *store.DB
	runs  *run.Service
	unsub *mail.Unsubscribes
}

func newPagesSite(t *testing.T) *pagesSite {
	t.Helper()
	db := storetest.Open(t)
	_, key, _ := ed25519.GenerateKey(nil)
	w, err := audit.NewWriter(db, audit.Options{SigningKey: key})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close(context.Background()) })
	bridge := web.AuditBridge{Writer: w}
	authSvc, err := auth.New(auth.Config{DB: db, Audit: bridge, Secret: []byte(strings.Repeat("p", 32)), Insecure: true,
		Mailer: mail.NewOutbox(db, mail.OutboxOptions{Hold: true}), BaseURL: "http://portal.test"})
	if err != nil {
		t.Fatal(err)
	}
	stateCipher, err1 := tfstate.NewCipher([]byte(strings.Repeat("s", 32)))
	connCipher, err2 := tfstate.NewCipher([]byte(strings.Repeat("c", 32)))
	unsub, err3 := mail.NewUnsubscribes(db, []byte(strings.Repeat("u", 32)), "http://portal.test", bridge)
	if err1 != nil || err2 != nil || err3 != nil {
		t.Fatal(err1, err2, err3)
	}
	gen := &lml.Generator{Engine: rules.Engine{}}
	runs := &run.Service{DB: db, Generator: gen, Audit: w, State: &tfstate.Backend{DB: db, Cipher: stateCipher}}
	meter := usage.New(db, usage.Options{})
	t.Cleanup(func() { _ = meter.Close(context.Background()) })
	p, err := New(Deps{Auth: authSvc, Audit: bridge, Generator: gen, ClientIP: web.ClientIP, Usage: meter, DB: db,
		Support: &support.Service{DB: db}, AuditKey: key.Public().(ed25519.PublicKey), Runs: runs, Unsubscribes: unsub,
		Connections: &Connections{Sealer: connCipher, Roles: &roleStandIn{}, Account: "111122223333"}, Version: "v-pages"})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(web.New(web.Deps{Auth: authSvc, Services: authSvc, DB: db, Audit: bridge,
		Meter: web.UsageMeter{Meter: meter}, Usage: meter, Generator: web.LMLGenerator{Pipeline: gen}, Portal: p,
		Runs: &web.RunDeps{Service: runs, Sealer: connCipher}}))
	t.Cleanup(srv.Close)
	return &pagesSite{base: srv.URL, p: p, db: db, runs: runs, unsub: unsub}
}

// pagesSeed is what seed made: the IDs and tokens the pages' paths need.
type pagesSeed struct {
	owner                   *browser // ada, owner of Analytical Engines and a platform admin
	org                     int64
	workspace, run          string
	serial                  string
	resetToken, inviteToken string
	unsubToken              string
}

// seedPassword is every seeded user's password.
const seedPassword = "correct horse battery staple"

var (
	seedResetLink  = regexp.MustCompile(`http://portal\.test/login/reset/([A-Za-z0-9_-]+)`)
	seedInviteLink = regexp.MustCompile(`http://portal\.test/invitations/accept\?token=([A-Za-z0-9_%+-]+)`)
)

// seed fills one organization as a team would, through the portal's
// forms and the API where it can: Ada (owner, platform admin), Linus (a
// member), Grace invited, an API key used twice, an endpoint connection, a
// workspace with a planned run and a state version, an agent, a contact
// message and a held reset mail.
func (s *pagesSite) seed(t *testing.T) *pagesSeed {
	t.Helper()
	ctx := context.Background()
	ada := s.signUp(t, "Ada Lovelace", "ada@example.com", "Analytical Engines")
	u, err := s.db.UserByEmail(ctx, "ada@example.com")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.db.SetPlatformAdmin(ctx, u.ID, true); err != nil {
		t.Fatal(err)
	}
	ms, err := s.db.UserMemberships(ctx, u.ID)
	if err != nil || len(ms) == 0 {
		t.Fatalf("memberships: %v", err)
	}
	sd := &pagesSeed{owner: ada, org: ms[0].OrgID, unsubToken: s.unsub.Token(u.ID)}
	s.seedTeam(t, sd)
	s.seedKeyAndUsage(t, sd)
	s.seedRuns(t, sd, u.ID)
	s.seedMail(t, sd)
	return sd
}

// signUp registers name with a new organization through the sign-up form.
func (s *pagesSite) signUp(t *testing.T, name, email, org string) *browser {
	t.Helper()
	b := newHTTPBrowser(t, s.base)
	st, loc, body := b.do(http.MethodPost, "/signup", url.Values{"name": {name}, "org": {org},
		"email": {email}, "password": {seedPassword}})
	if st != http.StatusSeeOther || loc != "/playground" {
		t.Fatalf("sign-up %s: %d %q\n%s", email, st, loc, body)
	}
	return b
}

// seedTeam adds Linus as a member, invites Grace (who has an account of
// her own) and signs them up.
func (s *pagesSite) seedTeam(t *testing.T, sd *pagesSeed) {
	t.Helper()
	ctx := context.Background()
	s.signUp(t, "Linus Torvalds", "linus@example.com", "Kernel Hackers")
	s.signUp(t, "Grace Hopper", "grace@example.com", "Navy Labs")
	linus, err := s.db.UserByEmail(ctx, "linus@example.com")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.db.AddMembership(ctx, sd.org, linus.ID, store.RoleMember); err != nil {
		t.Fatal(err)
	}
	sd.owner.do(http.MethodGet, "/settings/members", nil)
	if st, _, body := sd.owner.post("/settings/invitations", url.Values{"email": {"grace@example.com"}, "role": {"member"}}); st >= 400 {
		t.Fatalf("invite: %d\n%s", st, body)
	}
}

// seedKeyAndUsage creates an API key in the portal and calls the API
// with it, so the usage page and the key's last use have data.
func (s *pagesSite) seedKeyAndUsage(t *testing.T, sd *pagesSeed) {
	t.Helper()
	sd.owner.do(http.MethodGet, "/keys", nil)
	st, _, body := sd.owner.post("/keys", url.Values{"name": {"ci deploy"}, "scope": {"generate", "runs:read"}, "days": {"90"}})
	m := keyRe.FindStringSubmatch(body)
	if st != http.StatusCreated || m == nil {
		t.Fatalf("create key: %d\n%s", st, body)
	}
	for _, prompt := range []string{"an S3 bucket for invoices", "a DynamoDB table called orders"} {
		req, err := http.NewRequest(http.MethodPost, s.base+"/api/v1/generate",
			strings.NewReader(`{"prompt":"`+prompt+`","format":"hcl"}`))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Authorization", "Bearer "+m[1])
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("generate with the key: %d", resp.StatusCode)
		}
	}
}

// seedRuns creates an endpoint connection, a workspace on it with a run
// moved to planned (as a worker would) and a state version, and an agent.
func (s *pagesSite) seedRuns(t *testing.T, sd *pagesSeed, userID int64) {
	t.Helper()
	ctx := context.Background()
	b := sd.owner
	b.do(http.MethodGet, "/settings/connections", nil)
	if st, _, body := b.post("/settings/connections", url.Values{"kind": {"endpoint"}, "name": {"kumo"},
		"endpoint_url": {"http://127.0.0.1:4566"}}); st >= 400 {
		t.Fatalf("connection: %d\n%s", st, body)
	}
	conns, err := s.db.AWSConnections(ctx, sd.org)
	if err != nil || len(conns) != 1 {
		t.Fatalf("connections: %v %d", err, len(conns))
	}
	b.do(http.MethodGet, "/workspaces", nil)
	st, loc, body := b.post("/workspaces", url.Values{"name": {"shop"}, "region": {"eu-west-1"}, "mode": {"platform"},
		"connection": {strconv.FormatInt(conns[0].ID, 10)}})
	sd.workspace = mustRedirect(t, "create workspace", st, loc, body)
	st, loc, body = b.post("/workspaces/"+sd.workspace+"/ask", url.Values{"prompt": {"an S3 bucket for assets"}})
	sd.run = mustRedirect(t, "ask", st, loc, body)
	(&runsPortal{testPortal: testPortal{db: s.db}}).markPlanned(t, sd.org, sd.run)
	state := `{"version":4,"terraform_version":"1.11.4","serial":3,"lineage":"l1","outputs":{},"resources":[]}`
	if err := s.runs.State.Put(ctx, sd.org, mustInt(t, sd.workspace), tfstate.Writer{}, []byte(state)); err != nil {
		t.Fatal(err)
	}
	sd.serial = "3"
	agent := &store.Agent{Name: "ada-laptop", OS: "linux", Arch: "amd64", Version: "v1.4.0", CreatedBy: userID, LastSeenAt: time.Now()}
	if err := s.db.CreateAgent(ctx, sd.org, agent); err != nil {
		t.Fatal(err)
	}
}

// seedMail sends a contact message and a reset request, and reads the
// reset and invitation tokens from the held mail.
func (s *pagesSite) seedMail(t *testing.T, sd *pagesSeed) {
	t.Helper()
	visitor := newHTTPBrowser(t, s.base)
	if st, _, body := visitor.do(http.MethodPost, "/contact", url.Values{"name": {"Grace Hopper"}, "email": {"grace@example.com"},
		"subject": {"Invoices"}, "body": {"Can our plan include a second region?\nThanks, Grace"}}); st >= 400 {
		t.Fatalf("contact: %d\n%s", st, body)
	}
	if st, _, body := visitor.do(http.MethodPost, "/login/reset", url.Values{"email": {"ada@example.com"}}); st >= 400 {
		t.Fatalf("reset request: %d\n%s", st, body)
	}
	mails, err := s.db.OutboxMails(context.Background(), 50)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range mails {
		if r := seedResetLink.FindStringSubmatch(m.Body); r != nil {
			sd.resetToken = r[1]
		}
		if r := seedInviteLink.FindStringSubmatch(m.Body); r != nil {
			sd.inviteToken, _ = url.QueryUnescape(r[1])
		}
	}
	if sd.resetToken == "" || sd.inviteToken == "" {
		t.Fatalf("held mail lacks a reset or invitation link: %d mails", len(mails))
	}
}
