package portal

import (
	"context"
	"crypto/ed25519"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/syncloud/syncloud/internal/audit"
	"github.com/syncloud/syncloud/internal/auth"
	"github.com/syncloud/syncloud/internal/lml"
	"github.com/syncloud/syncloud/internal/lml/rules"
	"github.com/syncloud/syncloud/internal/store"
	"github.com/syncloud/syncloud/internal/store/storetest"
	"github.com/syncloud/syncloud/internal/support"
	"github.com/syncloud/syncloud/internal/tftest"
	"github.com/syncloud/syncloud/internal/usage"
	"github.com/syncloud/syncloud/internal/web"
)

// chromium is the browser the tests drive; CI installs it.
const chromium = "/usr/bin/chromium"

// realServer starts the web server with the portal mounted, as `syncloud
// serve` wires it, on a free local port.
func realServer(t *testing.T) string {
	t.Helper()
	return realServerWith(t, serverOptions{})
}

// serverOptions change realServer's defaults.
type serverOptions struct {
	// DB is the store to serve; nil opens a fresh one.
	DB *store.DB
	// Sessions and Now are the auth services' session timeouts and clock
	// (zero and nil: the defaults).
	Sessions auth.SessionConfig
	Now      func() time.Time
}

// realServerWith is realServer with o.
func realServerWith(t *testing.T, o serverOptions) string {
	t.Helper()
	db := o.DB
	if db == nil {
		db = storetest.Open(t)
	}
	_, key, _ := ed25519.GenerateKey(nil)
	w, err := audit.NewWriter(db, audit.Options{SigningKey: key})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = w.Close(context.Background()) }) // before the store closes
	bridge := web.AuditBridge{Writer: w}
	svc, err := auth.New(auth.Config{DB: db, Audit: bridge, Secret: []byte(strings.Repeat("b", 32)), Insecure: true,
		Session: o.Sessions, Now: o.Now})
	if err != nil {
		t.Fatal(err)
	}
	gen := &lml.Generator{Engine: rules.Engine{}}
	meter := usage.New(db, usage.Options{})
	t.Cleanup(func() { _ = meter.Close(context.Background()) })
	p, err := New(Deps{Auth: svc, Audit: bridge, Generator: gen, ClientIP: web.ClientIP, Usage: meter,
		DB: db, Support: &support.Service{DB: db}, AuditKey: key.Public().(ed25519.PublicKey)})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(web.New(web.Deps{Auth: svc, Services: svc, DB: db, Audit: bridge,
		Meter: web.UsageMeter{Meter: meter}, Usage: meter, Generator: web.LMLGenerator{Pipeline: gen}, Portal: p}))
	t.Cleanup(srv.Close)
	return srv.URL
}

// newBrowser starts headless Chromium with a fresh profile and collects
// its console errors, uncaught exceptions and browser-log errors (CSP
// violations among them). The session ends after 90 s.
func newBrowser(t *testing.T) (context.Context, func() []string) {
	t.Helper()
	return newBrowserFor(t, 90*time.Second)
}

// newBrowserFor is newBrowser for a session of up to d (journeys that
// wait for Terraform).
func newBrowserFor(t *testing.T, d time.Duration) (context.Context, func() []string) {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(chromium),
		chromedp.NoSandbox, chromedp.DisableGPU, chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-component-update", true))
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelC := chromedp.NewContext(actx)
	ctx, cancelT := context.WithTimeout(ctx, d)
	t.Cleanup(func() { cancelT(); cancelC(); cancelA() })
	var mu sync.Mutex
	var problems []string
	messages := chromedp.Console(ctx)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			if m.IsException() || m.Type == "error" {
				mu.Lock()
				problems = append(problems, m.String()+" ["+m.URL+"]")
				mu.Unlock()
			}
		}
	}()
	return ctx, func() []string { mu.Lock(); defer mu.Unlock(); return append([]string(nil), problems...) }
}

// shoot saves full-page screenshots of the current page at 390 and 1440
// pixels wide under .ci/artifacts/portal and fails if either width
// scrolls horizontally.
func shoot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	shootIn(t, ctx, "portal", name)
}

// shootIn is shoot into .ci/artifacts/<folder>, as <name>-<width>.png.
func shootIn(t *testing.T, ctx context.Context, folder, name string) {
	t.Helper()
	dir := filepath.Join("..", "..", ".ci", "artifacts", folder)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, width := range []int64{390, 1440} {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, 900)); err != nil {
			t.Fatalf("viewport %d: %v", width, err)
		}
		overflow, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth`))
		if err != nil {
			t.Fatalf("measure %s at %d: %v", name, width, err)
		}
		buf, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatalf("screenshot %s at %d: %v", name, width, err)
		}
		if overflow {
			wide, _ := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll("body *")]
				.filter(e => e.getBoundingClientRect().right > window.innerWidth + 1).map(e => e.tagName + "." + e.className)`))
			t.Errorf("%s scrolls horizontally at %d px; elements past the right edge: %v", name, width, wide)
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%s-%d.png", name, width)), buf, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	_ = chromedp.Do(ctx, chromedp.EmulateViewport(1440, 900))
}

func requireChromium(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("browser tests skipped in -short mode")
	}
	if _, err := os.Stat(chromium); err != nil {
		tftest.Missing(t, "BROWSER TESTS: %s is missing (Debian's chromium)", chromium)
	}
}

// signUpIn fills the sign-up form in the browser.
func signUpIn(base, name, org, email string) chromedp.Action[chromedp.Void] {
	return chromedp.Steps(
		chromedp.Navigate(base+"/signup"),
		chromedp.SendKeys(chromedp.CSS("#name"), name),
		chromedp.SendKeys(chromedp.CSS("#org"), org),
		chromedp.SendKeys(chromedp.CSS("#email"), email),
		chromedp.SendKeys(chromedp.CSS("#password"), "correct horse battery staple"),
		chromedp.Submit(chromedp.CSS("#password")),
		chromedp.WaitVisible(chromedp.CSS("#prompt")),
	)
}
