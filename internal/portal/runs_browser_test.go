package portal

import (
	"context"
	"crypto/ed25519"
	"log/slog"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/chromedp/chromedp"
	"github.com/syncloud/syncloud/internal/audit"
	"github.com/syncloud/syncloud/internal/auth"
	"github.com/syncloud/syncloud/internal/awsconn"
	"github.com/syncloud/syncloud/internal/kumotest"
	"github.com/syncloud/syncloud/internal/lml"
	"github.com/syncloud/syncloud/internal/lml/rules"
	"github.com/syncloud/syncloud/internal/run"
	"github.com/syncloud/syncloud/internal/store/storetest"
	"github.com/syncloud/syncloud/internal/support"
	"github.com/syncloud/syncloud/internal/tfrun"
	"github.com/syncloud/syncloud/internal/tfstate"
	"github.com/syncloud/syncloud/internal/tftest"
	"github.com/syncloud/syncloud/internal/web"
)

// browserPrompt asks only for resources the kumo emulator can create and
// delete (no subnets: it cannot delete route tables).
const browserPrompt = "a VPC 10.30.0.0/16 with a DynamoDB table called sessions keyed by a string id and an S3 bucket for assets"

// runsServer starts the web server with the portal and the runs API, as
// `syncloud serve` wires them, and a real run worker in this process
// executing Terraform; it returns the server's URL.
func runsServer(t *testing.T) string {
	t.Helper()
	tfBin := tftest.Binary(t)
	db := storetest.Open(t)
	_, key, _ := ed25519.GenerateKey(nil)
	w, err := audit.NewWriter(db, audit.Options{SigningKey: key})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = w.Close(context.Background()) }) // before the store closes
	bridge := web.AuditBridge{Writer: w}
	authSvc, err := auth.New(auth.Config{DB: db, Audit: bridge, Secret: []byte(strings.Repeat("b", 32)), Insecure: true})
	if err != nil {
		t.Fatal(err)
	}
	stateCipher, err1 := tfstate.NewCipher([]byte(strings.Repeat("s", 32)))
	connCipher, err2 := tfstate.NewCipher([]byte(strings.Repeat("c", 32)))
	if err1 != nil || err2 != nil {
		t.Fatal(err1, err2)
	}
	gen := &lml.Generator{Engine: rules.Engine{}}
	svc := &run.Service{DB: db, Generator: gen, Audit: w, State: &tfstate.Backend{DB: db, Cipher: stateCipher}}
	p, err := New(Deps{Auth: authSvc, Audit: bridge, Generator: gen, ClientIP: web.ClientIP, DB: db,
		Support: &support.Service{DB: db}, AuditKey: key.Public().(ed25519.PublicKey), Runs: svc,
		Connections: &Connections{Sealer: connCipher}})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(web.New(web.Deps{Auth: authSvc, Services: authSvc, DB: db, Audit: bridge,
		Generator: web.LMLGenerator{Pipeline: gen}, Portal: p, Runs: &web.RunDeps{Service: svc, Sealer: connCipher}}))
	t.Cleanup(srv.Close)
	worker := &run.Worker{Service: svc, ServerURL: srv.URL, Name: "browser-test", Poll: 200 * time.Millisecond,
		Terraform: &tfrun.Terraform{Binary: tfBin, PluginMirror: tftest.Mirror(), WorkDir: t.TempDir()},
		Resolver:  awsconn.Resolver{Sealer: connCipher}, Log: slog.New(slog.NewTextHandler(os.Stderr, nil))}
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Go(func() { worker.Serve(ctx) })
	t.Cleanup(func() { cancel(); wg.Wait() }) // registered after srv.Close: runs first
	return srv.URL
}

// waitStatus waits until the run page shows status (the live view
// reloads it when the run rests) and returns the run's path.
func waitStatus(t *testing.T, ctx context.Context, status string) string {
	t.Helper()
	pollPage(t, ctx, "status "+status, 4*time.Minute, `(() => { const s = document.getElementById("run-status");
		if (s && ["errored", "discarded"].includes(s.dataset.status)) throw new Error("run " + s.dataset.status + ": " + document.body.innerText);
		return s !== null && s.dataset.status === "`+status+`"; })()`)
	return eval[string](t, ctx, `location.pathname`)
}

// pollPage evaluates expr until it is true, across the reloads of the
// live view (an evaluation cut by a navigation is tried again); an
// exception thrown by expr fails the test at once.
func pollPage(t *testing.T, ctx context.Context, what string, timeout time.Duration, expr string) {
	t.Helper()
	var err error
	for deadline := time.Now().Add(timeout); time.Now().Before(deadline); {
		_, err = chromedp.Run(ctx, chromedp.Poll[bool](expr, chromedp.WithPollingTimeout(5*time.Second),
			chromedp.WithPollingInterval(50*time.Millisecond)))
		if err == nil {
			return
		}
		if strings.Contains(err.Error(), "exception") || ctx.Err() != nil {
			break
		}
	}
	t.Fatalf("waiting for %s: %v", what, err)
}

// applyLive confirms Apply, waits for "applied" and reports whether the
// log grew on the page before it reloaded (streamed, not refreshed). A
// short apply may finish and reload the page before the test looks, so
// the journey asks this of at least one of its applies; sessionStorage
// keeps the answer across the reload.
func applyLive(t *testing.T, ctx context.Context) (streamed bool) {
	t.Helper()
	do(t, ctx, "apply",
		chromedp.Evaluate[chromedp.Void](`window.confirm = () => true`),
		chromedp.Click(chromedp.CSS("#apply")),
		chromedp.WaitVisible(chromedp.CSS("#log-hint")),
		chromedp.Evaluate[chromedp.Void](`sessionStorage.removeItem("streamed");
			window.loadedLog = document.getElementById("run-log").textContent.length`))
	pollPage(t, ctx, "the log to stream or the page to reload", 3*time.Minute, `(() => {
		if (window.loadedLog === undefined) return true;
		if (document.getElementById("run-log").textContent.length <= window.loadedLog) return false;
		sessionStorage.setItem("streamed", "1");
		return true; })()`)
	waitStatus(t, ctx, "applied")
	log := text(t, ctx, "#run-log")
	if !strings.Contains(log, "Apply complete!") || !strings.Contains(log, "SynCloud: applying") {
		t.Errorf("applied run's log lacks the apply:\n%s", log)
	}
	if ids := eval[int](t, ctx, `document.querySelectorAll("#changes li .hint").length`); ids == 0 {
		t.Error("the applied changes show no resource IDs")
	}
	return eval[bool](t, ctx, `sessionStorage.getItem("streamed") === "1"`)
}

// workspaceOf reads the workspace ID from the run page's breadcrumb.
func workspaceOf(t *testing.T, ctx context.Context) string {
	t.Helper()
	return eval[string](t, ctx, `document.querySelector(".crumbs a[href^='/workspaces/']").getAttribute("href").split("/")[2]`)
}

// checkTables asks the emulator, with the AWS SDK, for each table.
func checkTables(t *testing.T, endpoint string, names ...string) {
	t.Helper()
	c := dynamodb.NewFromConfig(aws.Config{Region: kumotest.Region, BaseEndpoint: aws.String(endpoint),
		Credentials: credentials.NewStaticCredentialsProvider("test", "test", "")})
	for _, n := range names {
		if _, err := c.DescribeTable(context.Background(), &dynamodb.DescribeTableInput{TableName: aws.String(n)}); err != nil {
			t.Errorf("table %s in the emulator: %v", n, err)
		}
	}
}
