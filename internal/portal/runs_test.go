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
	"github.com/syncloud/syncloud/internal/run"
	"github.com/syncloud/syncloud/internal/store"
	"github.com/syncloud/syncloud/internal/store/storetest"
	"github.com/syncloud/syncloud/internal/support"
	"github.com/syncloud/syncloud/internal/tfstate"
	"github.com/syncloud/syncloud/internal/web"
)

// runsPortal is the portal with a real runs service (rules engine, state
// backend) on a real store; no worker runs, so tests move runs along
// through the store as a worker would.
type runsPortal struct {
	testPortal
	p   *Portal
	svc *run.Service
}

func newRunsPortal(t *testing.T) *runsPortal {
	t.Helper()
	db := storetest.Open(t)
	_, key, _ := ed25519.GenerateKey(nil)
	w, err := audit.NewWriter(db, audit.Options{SigningKey: key})
	if err != nil {
		t.Fatal(err)
	}
	bridge := web.AuditBridge{Writer: w}
	authSvc, err := auth.New(auth.Config{DB: db, Audit: bridge, Secret: []byte(strings.Repeat("r", 32)), Insecure: true})
	if err != nil {
		t.Fatal(err)
	}
	cipher, err := tfstate.NewCipher([]byte(strings.Repeat("s", 32)))
	if err != nil {
		t.Fatal(err)
	}
	gen := &lml.Generator{Engine: rules.Engine{}}
	svc := &run.Service{DB: db, Generator: gen, Audit: w, State: &tfstate.Backend{DB: db, Cipher: cipher}}
	p, err := New(Deps{Auth: authSvc, Audit: bridge, DB: db, Support: &support.Service{DB: db},
		Generator: gen, Runs: svc, PublicURL: "https://app.example"})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(p)
	t.Cleanup(srv.Close)
	return &runsPortal{testPortal: testPortal{db: db, srv: srv}, p: p, svc: svc}
}

// orgOf is the organization the user of email signed up with.
func (rp *runsPortal) orgOf(t *testing.T, email string) (orgID, userID int64) {
	t.Helper()
	u, org := rp.user(t, email)
	return org, u.ID
}

var locationID = regexp.MustCompile(`^/(workspaces|runs)/(\d+)$`)

// mustRedirect checks a 303 to /workspaces/N or /runs/N and returns N.
func mustRedirect(t *testing.T, what string, st int, loc, body string) string {
	t.Helper()
	m := locationID.FindStringSubmatch(loc)
	if st != http.StatusSeeOther || m == nil {
		t.Fatalf("%s: %d %q, want a redirect to a workspace or run\n%s", what, st, loc, body)
	}
	return m[2]
}

// planFixture is `terraform show -json` of a plan adding one bucket.
const planFixture = `{"format_version":"1.2","terraform_version":"1.11.4","resource_changes":[
{"address":"aws_s3_bucket.assets","mode":"managed","type":"aws_s3_bucket","name":"assets","change":{"actions":["create"]}},
{"address":"aws_vpc.main","mode":"managed","type":"aws_vpc","name":"main","change":{"actions":["no-op"]}}]}`

// markPlanned moves a pending run to planned with planFixture and a line
// of output, as a worker would.
func (rp *runsPortal) markPlanned(t *testing.T, orgID int64, runID string) int64 {
	t.Helper()
	ctx := context.Background()
	id := mustInt(t, runID)
	if err := rp.db.SetRunStatus(ctx, orgID, id, []string{"pending"}, "planning", "", time.Now()); err != nil {
		t.Fatal(err)
	}
	if err := rp.db.AppendRunLog(ctx, orgID, id, "Plan: 1 to add, 0 to change, 0 to destroy.\n", time.Now()); err != nil {
		t.Fatal(err)
	}
	files := run.Files{"main.tf.json": []byte(`{"resource":{"aws_s3_bucket":{"assets":{}}}}`)}
	err := rp.db.SetRunPlanned(ctx, orgID, id, store.RunPlan{Config: files.Encode(), ConfigSHA256: files.Hash(),
		PlanJSON: planFixture, PlanFile: []byte("plan"), PlanSHA256: strings.Repeat("a", 64), Add: 1, StateSerial: -1}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func mustInt(t *testing.T, s string) int64 {
	t.Helper()
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func wantIn(t *testing.T, what, body string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(body, w) {
			t.Errorf("%s lacks %q", what, w)
		}
	}
}

func TestWorkspaceCreateAskAndPlan(t *testing.T) {
	rp := newRunsPortal(t)
	b := rp.browser(t)
	b.signUp("ada@example.com", "Analytical")
	org, _ := rp.orgOf(t, "ada@example.com")
	b.do(http.MethodGet, "/workspaces", nil)

	st, _, body := b.post("/workspaces", url.Values{"name": {""}, "region": {"mars-1"}, "mode": {"agent"}})
	if st != http.StatusUnprocessableEntity {
		t.Fatalf("bad create: %d", st)
	}
	wantIn(t, "rejected create", body, `id="name-error"`, `id="region-error"`, `value="mars-1"`, `value="agent" checked`)

	st, loc, body := b.post("/workspaces", url.Values{"name": {"shop"}, "region": {"eu-west-1"}, "mode": {"platform"}})
	ws := mustRedirect(t, "create", st, loc, body)
	st, _, body = b.post("/workspaces", url.Values{"name": {"shop"}, "mode": {"platform"}})
	if st != http.StatusUnprocessableEntity || !strings.Contains(body, "already has this name") {
		t.Errorf("duplicate name: %d", st)
	}

	st, _, body = b.post("/workspaces/"+ws+"/ask", url.Values{"prompt": {"   "}})
	if st != http.StatusUnprocessableEntity {
		t.Fatalf("blank ask: %d", st)
	}
	wantIn(t, "blank ask", body, `id="prompt-error"`)
	st, loc, body = b.post("/workspaces/"+ws+"/ask", url.Values{"prompt": {"an S3 bucket for assets"}})
	runID := mustRedirect(t, "ask", st, loc, body)

	_, _, body = b.do(http.MethodGet, "/runs/"+runID, nil)
	wantIn(t, "pending run page", body, "pending", "an S3 bucket for assets", `data-events="/runs/`+runID+`/events?after=0"`,
		`<noscript><meta http-equiv="refresh"`, "ada@example.com")
	if strings.Contains(body, "agent-wait") {
		t.Error("a platform run says it waits for an agent")
	}
	_, _, body = b.do(http.MethodGet, "/workspaces/"+ws, nil)
	wantIn(t, "workspace page", body, "eu-west-1", "aws_s3_bucket", `href="/runs/`+runID+`"`, "Plan destroy")
	_, _, body = b.do(http.MethodGet, "/workspaces", nil)
	wantIn(t, "workspace list", body, `href="/workspaces/`+ws+`"`, "shop", "pending")

	rp.markPlanned(t, org, runID)
	_, _, body = b.do(http.MethodGet, "/runs/"+runID, nil)
	wantIn(t, "planned run page", body, "+1 to add", "~0 to change", "aws_s3_bucket.assets", `action="/runs/`+runID+`/approve"`,
		"data-confirm=", "main.tf.json", "Plan: 1 to add")
	if strings.Contains(body, "aws_vpc.main") || strings.Contains(body, "data-events") {
		t.Error("a no-op is listed as a change, or a planned run is followed live")
	}
	if st, loc, _ := b.post("/runs/"+runID+"/approve", nil); st != http.StatusSeeOther || loc != "/runs/"+runID {
		t.Fatalf("approve: %d %q", st, loc)
	}
	if st, _, _ := b.post("/runs/"+runID+"/approve", nil); st != http.StatusConflict {
		t.Errorf("approving twice: %d, want 409", st)
	}
	if st, _, _ := b.post("/runs/"+runID+"/discard", nil); st != http.StatusSeeOther {
		t.Errorf("discard of an approved run: %d", st)
	}
}

func TestViewerCannotChangeRuns(t *testing.T) {
	rp := newRunsPortal(t)
	b := rp.browser(t)
	b.signUp("ada@example.com", "Analytical")
	org, user := rp.orgOf(t, "ada@example.com")
	b.do(http.MethodGet, "/workspaces", nil)
	st, loc, body := b.post("/workspaces", url.Values{"name": {"shop"}, "mode": {"platform"}})
	ws := mustRedirect(t, "create", st, loc, body)
	st, loc, body = b.post("/workspaces/"+ws+"/ask", url.Values{"prompt": {"an S3 bucket"}})
	runID := mustRedirect(t, "ask", st, loc, body)
	rp.markPlanned(t, org, runID)
	if err := rp.db.SetMemberRole(context.Background(), org, user, store.RoleViewer); err != nil {
		t.Fatal(err)
	}
	_, _, body = b.do(http.MethodGet, "/runs/"+runID, nil)
	if strings.Contains(body, "/approve") || strings.Contains(body, "/discard") || strings.Contains(body, `/ask"`) {
		t.Error("a viewer is offered approve, discard or ask")
	}
	_, _, body = b.do(http.MethodGet, "/workspaces/"+ws, nil)
	if strings.Contains(body, "/destroy") || strings.Contains(body, `/ask"`) {
		t.Error("a viewer is offered destroy or ask")
	}
	if _, _, body = b.do(http.MethodGet, "/playground", nil); strings.Contains(body, `value="plan"`) || strings.Contains(body, `id="workspace"`) {
		t.Error("a viewer is offered Plan in the playground")
	}
	for _, path := range []string{"/runs/" + runID + "/approve", "/runs/" + runID + "/discard", "/workspaces/" + ws + "/ask",
		"/workspaces/" + ws + "/destroy", "/workspaces"} {
		if st, _, _ := b.post(path, url.Values{"prompt": {"a queue"}, "name": {"x"}}); st != http.StatusForbidden {
			t.Errorf("viewer POST %s = %d, want 403", path, st)
		}
	}
	if st, _, _ := b.post("/playground", url.Values{"action": {"plan"}, "prompt": {"a queue"}, "workspace": {ws}}); st != http.StatusForbidden {
		t.Errorf("viewer plan in the playground = %d, want 403", st)
	}
	if r, _ := rp.db.Run(context.Background(), org, mustInt(t, runID)); r.Status != "planned" {
		t.Errorf("the run is %s after a viewer's attempts", r.Status)
	}
}
