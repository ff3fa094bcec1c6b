package main

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/syncloud/syncloud/internal/audit"
	"github.com/syncloud/syncloud/internal/auth"
	"github.com/syncloud/syncloud/internal/kumotest"
	"github.com/syncloud/syncloud/internal/lml"
	"github.com/syncloud/syncloud/internal/lml/rules"
	runs "github.com/syncloud/syncloud/internal/run"
	"github.com/syncloud/syncloud/internal/store"
	"github.com/syncloud/syncloud/internal/store/storetest"
	"github.com/syncloud/syncloud/internal/tfstate"
	metering "github.com/syncloud/syncloud/internal/usage"
	"github.com/syncloud/syncloud/internal/web"
)

// platform is a SynCloud server in this process: the real web, auth, run
// and state packages over a fresh database.
type platform struct {
	URL   string
	Key   string // an owner's API key with the runs scopes
	OrgID int64  // the key's organization
	db    *store.DB
	runs  *runs.Service
}

// startPlatform starts the platform; agentLease, when given, is how long
// an agent's claim lasts without a heartbeat.
func startPlatform(t *testing.T, agentLease ...time.Duration) *platform {
	t.Helper()
	db := storetest.Open(t)
	_, signing, _ := ed25519.GenerateKey(nil)
	aw, err := audit.NewWriter(db, audit.Options{SigningKey: signing})
	if err != nil {
		t.Fatal(err)
	}
	bridge := web.AuditBridge{Writer: aw}
	authSvc, err := auth.New(auth.Config{DB: db, Audit: bridge, Secret: bytes.Repeat([]byte("s"), 32), BaseURL: "http://portal.test"})
	if err != nil {
		t.Fatal(err)
	}
	cipher, err := tfstate.NewCipher(bytes.Repeat([]byte{7}, tfstate.KeySize))
	if err != nil {
		t.Fatal(err)
	}
	meter := metering.New(db, metering.Options{})
	gen := &lml.Generator{Engine: kumotest.Engine{Engine: rules.Engine{}}}
	svc := &runs.Service{DB: db, Audit: aw, Generator: gen, State: &tfstate.Backend{DB: db, Cipher: cipher}}
	if len(agentLease) > 0 {
		svc.AgentLease = agentLease[0]
	}
	srv := httptest.NewServer(web.New(web.Deps{MapError: web.MapDomainError, Auth: authSvc, Services: authSvc, DB: db,
		Audit: bridge, Meter: web.UsageMeter{Meter: meter}, Usage: meter, Generator: web.LMLGenerator{Pipeline: gen},
		Runs: &web.RunDeps{Sealer: cipher, Service: svc}}))
	t.Cleanup(func() {
		srv.Close()
		meter.Close(context.Background())
		aw.Close(context.Background())
	})
	key, orgID := ownerKey(t, db, authSvc)
	return &platform{URL: srv.URL, Key: key, OrgID: orgID, db: db, runs: svc}
}

// ownerKey creates an organization with an owner and returns the owner's
// API key for runs and the organization's ID.
func ownerKey(t *testing.T, db *store.DB, a *auth.Service) (string, int64) {
	t.Helper()
	ctx := context.Background()
	u := &store.User{Email: "agent-e2e@example.com", Name: "E2E"}
	org := &store.Organization{Name: "Agent E2E"}
	err := db.Transact(ctx, func(tx *store.Tx) error {
		if err := tx.CreateUser(ctx, u); err != nil {
			return err
		}
		if err := tx.CreateOrganization(ctx, org); err != nil {
			return err
		}
		return tx.AddMembership(ctx, org.ID, u.ID, store.RoleOwner)
	})
	if err != nil {
		t.Fatal(err)
	}
	by := auth.Principal{Kind: auth.KindUser, UserID: u.ID, OrgID: org.ID, Role: auth.RoleOwner, Scopes: auth.RoleScopes(auth.RoleOwner)}
	raw, _, err := a.Keys.Create(ctx, by, auth.NewAPIKey{Name: "agent", Scopes: []auth.Scope{auth.ScopeRunsRead, auth.ScopeRunsWrite}})
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(raw), org.ID
}
