package portal

import (
	"context"
	"crypto/ed25519"
	"errors"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/syncloud/syncloud/internal/audit"
	"github.com/syncloud/syncloud/internal/auth"
	"github.com/syncloud/syncloud/internal/lml"
	"github.com/syncloud/syncloud/internal/lml/rules"
	"github.com/syncloud/syncloud/internal/mail"
	"github.com/syncloud/syncloud/internal/store/storetest"
	"github.com/syncloud/syncloud/internal/support"
	"github.com/syncloud/syncloud/internal/tfstate"
	"github.com/syncloud/syncloud/internal/web"
)

// settingsPortal is the test portal with everything the settings and the
// Admin Console use: the real mail outbox (held, as without SMTP), a
// GitHub sign-in provider (linking only redirects to it), sealed AWS
// connections and a stand-in for AWS STS.
type settingsPortal struct {
	*testPortal
	p     *Portal
	auth  *auth.Service
	roles *roleStandIn
}

// roleStandIn answers the confused-deputy check for the roles in good,
// as AWS STS would for a role with the right trust policy; any other
// role is refused. STS itself is tested in internal/awsconn.
type roleStandIn struct {
	good    map[string]bool
	checked []string
}

func (s *roleStandIn) Check(_ context.Context, roleARN, externalID string) error {
	s.checked = append(s.checked, roleARN+" "+externalID)
	if !s.good[roleARN] {
		return errors.New("AccessDenied: not authorized to perform sts:AssumeRole")
	}
	return nil
}

func newSettingsPortal(t *testing.T) *settingsPortal {
	t.Helper()
	db := storetest.Open(t)
	_, key, _ := ed25519.GenerateKey(nil)
	w, err := audit.NewWriter(db, audit.Options{SigningKey: key})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close(context.Background()) })
	bridge := web.AuditBridge{Writer: w}
	gh := auth.NewGitHubProvider(auth.GitHubConfig{ClientID: "id", ClientSecret: "secret",
		RedirectURL: "http://portal.test/api/v1/auth/oauth/github/callback", BaseURL: "https://github.test"})
	svc, err := auth.New(auth.Config{DB: db, Audit: bridge, Secret: []byte(strings.Repeat("k", 32)), Insecure: true,
		Mailer: mail.NewOutbox(db, mail.OutboxOptions{Hold: true}), BaseURL: "http://portal.test", OAuth: []auth.OAuthProvider{gh}})
	if err != nil {
		t.Fatal(err)
	}
	sealer, err := tfstate.NewCipher([]byte(strings.Repeat("c", 32)))
	if err != nil {
		t.Fatal(err)
	}
	roles := &roleStandIn{good: map[string]bool{"arn:aws:iam::123456789012:role/syncloud": true}}
	p, err := New(Deps{Auth: svc, Audit: bridge, DB: db, Support: &support.Service{DB: db}, AuditKey: key.Public().(ed25519.PublicKey),
		Generator: &lml.Generator{Engine: rules.Engine{}}, OAuthProviders: []string{"github"}, Version: "v-test",
		Connections: &Connections{Sealer: sealer, Roles: roles, Account: "111122223333"}})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(p)
	t.Cleanup(srv.Close)
	return &settingsPortal{testPortal: &testPortal{db: db, srv: srv}, p: p, auth: svc, roles: roles}
}

// member signs up email (in an organization of their own) and adds them
// to orgID with role; their browser then acts in orgID, the first
// organization they joined being their own, so they leave it.
func (sp *settingsPortal) member(t *testing.T, email string, orgID int64, role string) *browser {
	t.Helper()
	ctx := context.Background()
	b := sp.browser(t)
	b.signUp(email, "Own "+email)
	u, own := sp.user(t, email)
	if err := sp.db.AddMembership(ctx, orgID, u.ID, role); err != nil {
		t.Fatal(err)
	}
	if err := sp.db.RemoveMembership(ctx, own, u.ID); err != nil {
		t.Fatal(err)
	}
	return b
}

// events lists the actions of a chain (0: the platform's).
func (sp *settingsPortal) events(t *testing.T, orgID int64, action string) []audit.Record {
	t.Helper()
	recs, err := audit.List(context.Background(), sp.db, orgID, audit.Filter{Action: action, Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	return recs
}
