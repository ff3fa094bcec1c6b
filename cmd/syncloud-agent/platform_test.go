package main

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"fmt"
	"net"
	"net/http/httptest"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/syncloud/syncloud/internal/audit"
	"github.com/syncloud/syncloud/internal/auth"
	"github.com/syncloud/syncloud/internal/lml"
	"github.com/syncloud/syncloud/internal/lml/rules"
	runs "github.com/syncloud/syncloud/internal/run"
	"github.com/syncloud/syncloud/internal/spec"
	"github.com/syncloud/syncloud/internal/store"
	"github.com/syncloud/syncloud/internal/store/storetest"
	"github.com/syncloud/syncloud/internal/tfstate"
	metering "github.com/syncloud/syncloud/internal/usage"
	"github.com/syncloud/syncloud/internal/web"
)

// Environment of the end-to-end tests; CI installs kumo, Terraform and the
// AWS provider mirror.
const (
	envKumo     = "SYNCLOUD_KUMO"             // kumo binary; default /root/go/bin/kumo or $PATH
	envTF       = "SYNCLOUD_TERRAFORM"        // terraform binary; default /usr/local/bin/terraform or $PATH
	envTFMirror = "SYNCLOUD_TF_PLUGIN_MIRROR" // provider mirror; default /opt/tf-plugins when present
)

// binary finds an executable from env, a default path or $PATH, and skips
// loudly when it is missing.
func binary(t *testing.T, env, fallback, name string) string {
	t.Helper()
	for _, p := range []string{os.Getenv(env), fallback} {
		if p != "" {
			if _, err := os.Stat(p); err == nil {
				return p
			}
		}
	}
	if p, err := exec.LookPath(name); err == nil {
		return p
	}
	t.Skipf("SKIPPED: %s is not installed (set %s); CI installs it", name, env)
	return ""
}

func tfMirror() string {
	if m := os.Getenv(envTFMirror); m != "" {
		return m
	}
	if _, err := os.Stat("/opt/tf-plugins"); err == nil {
		return "/opt/tf-plugins"
	}
	return ""
}

// startKumo starts the AWS emulator on a free port and returns its URL.
func startKumo(t *testing.T) string {
	t.Helper()
	bin := binary(t, envKumo, "/root/go/bin/kumo", "kumo")
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := fmt.Sprint(ln.Addr().(*net.TCPAddr).Port)
	ln.Close()
	cmd := exec.Command(bin, "serve")
	cmd.Env = append(os.Environ(), "KUMO_PORT="+port, "KUMO_HOST=127.0.0.1")
	cmd.Dir = t.TempDir()
	if err := cmd.Start(); err != nil {
		t.Fatalf("start kumo: %v", err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	for i := 0; ; i++ {
		c, err := net.DialTimeout("tcp", "127.0.0.1:"+port, time.Second)
		if err == nil {
			c.Close()
			return "http://127.0.0.1:" + port
		}
		if i > 100 {
			t.Fatalf("kumo did not listen on port %s", port)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// emulatorGaps are resource types kumo creates but cannot delete
// (DisassociateRouteTable and DeleteRouteTable answer 400), so a destroy
// could never finish on it. The test platform's engine leaves them out;
// the product keeps them.
var emulatorGaps = []string{"aws_route_table_association", "aws_route_table", "aws_route"}

// gapFreeEngine is the real rules engine minus the emulator's gaps.
type gapFreeEngine struct{ rules.Engine }

func (e gapFreeEngine) Draft(ctx context.Context, req lml.Request) (*lml.Draft, error) {
	d, err := e.Engine.Draft(ctx, req)
	if err != nil || d.Stack == nil {
		return d, err
	}
	var drop []spec.Address
	for _, typ := range emulatorGaps {
		for _, r := range d.Stack.OfType(typ) {
			drop = append(drop, r.Addr())
		}
	}
	for _, a := range drop {
		d.Stack.Remove(a)
	}
	return d, nil
}

// platform is a SynCloud server in this process: the real web, auth, run
// and state packages over a fresh database.
type platform struct {
	URL string
	Key string // an owner's API key with the runs scopes
	db  *store.DB
}

func startPlatform(t *testing.T) *platform {
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
	gen := &lml.Generator{Engine: gapFreeEngine{}}
	srv := httptest.NewServer(web.New(web.Deps{MapError: web.MapDomainError, Auth: authSvc, Services: authSvc, DB: db,
		Audit: bridge, Meter: web.UsageMeter{Meter: meter}, Usage: meter, Generator: web.LMLGenerator{Pipeline: gen},
		Runs: &web.RunDeps{Sealer: cipher, Service: &runs.Service{DB: db, Audit: aw, Generator: gen,
			State: &tfstate.Backend{DB: db, Cipher: cipher}}}}))
	t.Cleanup(func() {
		srv.Close()
		meter.Close(context.Background())
		aw.Close(context.Background())
	})
	return &platform{URL: srv.URL, Key: ownerKey(t, db, authSvc), db: db}
}

// ownerKey creates an organization with an owner and returns the owner's
// API key for runs.
func ownerKey(t *testing.T, db *store.DB, a *auth.Service) string {
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
	return strings.TrimSpace(raw)
}
