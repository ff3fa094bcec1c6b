package portal

import (
	"context"
	"crypto/ed25519"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/syncloud/syncloud/internal/audit"
	"github.com/syncloud/syncloud/internal/auth"
	"github.com/syncloud/syncloud/internal/lml"
	"github.com/syncloud/syncloud/internal/lml/rules"
	"github.com/syncloud/syncloud/internal/mail"
	"github.com/syncloud/syncloud/internal/store"
	"github.com/syncloud/syncloud/internal/store/storetest"
	"github.com/syncloud/syncloud/internal/support"
	"github.com/syncloud/syncloud/internal/tfstate"
	"github.com/syncloud/syncloud/internal/web"
)

// settingsServer is realServer with what the settings and the Admin
// Console need besides: the mail outbox (held, as without SMTP) and AWS
// connections with the STS stand-in.
func settingsServer(t *testing.T) (string, *store.DB) {
	t.Helper()
	db := storetest.Open(t)
	_, key, _ := ed25519.GenerateKey(nil)
	w, err := audit.NewWriter(db, audit.Options{SigningKey: key})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close(context.Background()) })
	bridge := web.AuditBridge{Writer: w}
	svc, err := auth.New(auth.Config{DB: db, Audit: bridge, Secret: []byte(strings.Repeat("b", 32)), Insecure: true,
		Mailer: mail.NewOutbox(db, mail.OutboxOptions{Hold: true}), BaseURL: "http://portal.test"})
	if err != nil {
		t.Fatal(err)
	}
	sealer, err := tfstate.NewCipher([]byte(strings.Repeat("c", 32)))
	if err != nil {
		t.Fatal(err)
	}
	gen := &lml.Generator{Engine: rules.Engine{}}
	p, err := New(Deps{Auth: svc, Audit: bridge, Generator: gen, ClientIP: web.ClientIP, DB: db,
		Support: &support.Service{DB: db}, AuditKey: key.Public().(ed25519.PublicKey), Version: "v-browser",
		Connections: &Connections{Sealer: sealer, Roles: &roleStandIn{}, Account: "111122223333"}})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(web.New(web.Deps{Auth: svc, Services: svc, DB: db, Audit: bridge,
		Generator: web.LMLGenerator{Pipeline: gen}, Portal: p}))
	t.Cleanup(srv.Close)
	return srv.URL, db
}

// acceptDialogs answers every confirm() of ctx's page with OK, as a user
// confirming a destructive form does.
func acceptDialogs(ctx context.Context) {
	dialogs := chromedp.Events(ctx, page.JavascriptDialogOpening)
	go func() {
		for _, err := range dialogs {
			if err != nil {
				return
			}
			_, _ = chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: true})
		}
	}()
}

// consoleProblems collects the console errors of a second browser
// context, as newBrowser does for the first.
func consoleProblems(ctx context.Context) func() []string {
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
	return func() []string { mu.Lock(); defer mu.Unlock(); return append([]string(nil), problems...) }
}

// status navigates to u and returns the document's HTTP status.
func status(t *testing.T, ctx context.Context, u string) int64 {
	t.Helper()
	resp, err := chromedp.RunResponse(ctx, chromedp.Navigate(u))
	if err != nil {
		t.Fatalf("navigate %s: %v", u, err)
	}
	return resp.Status
}

// submitIn submits the form whose action is action, after the steps that
// fill it, and waits for the next page.
func submitIn(t *testing.T, ctx context.Context, action string, fill ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	steps := append(fill, chromedp.Click(chromedp.CSS(`form[action="`+action+`"] button[type=submit]`)))
	if _, err := chromedp.RunResponse(ctx, steps...); err != nil {
		t.Fatalf("submit %s: %v", action, err)
	}
}

// is404 drops the console's report of an expected 404 document.
func is404(m string) bool { return strings.Contains(m, "status of 404") }

// TestBrowserSettingsAndAdmin drives Chromium through the settings and
// the Admin Console: a platform admin changes their name, opts in to
// marketing mail, ends another session, changes their password and signs
// in with it, invites a member, creates a role connection and reads its
// external ID, then disables a user whose open browser is signed out on
// its next request; that user, no admin, got 404 on /admin. Screenshots
// of every page at 390 and 1440 px, and no page may scroll sideways.
func TestBrowserSettingsAndAdmin(t *testing.T) {
	requireChromium(t)
	base, db := settingsServer(t)
	ctx, problems := newBrowser(t)
	acceptDialogs(ctx)
	do(t, ctx, "sign up ops", signUpIn(base, "Ops", "Operators", "ops@example.com"))
	ops, err := db.UserByEmail(context.Background(), "ops@example.com")
	if err != nil {
		t.Fatal(err)
	}
	if err := db.SetPlatformAdmin(context.Background(), ops.ID, true); err != nil {
		t.Fatal(err)
	}

	eveCtx, cancel := chromedp.NewContext(ctx, chromedp.WithNewBrowserContext())
	defer cancel()
	eveProblems := consoleProblems(eveCtx)
	do(t, eveCtx, "sign up eve", signUpIn(base, "Eve", "Eve Org", "eve@example.com"))
	if st := status(t, eveCtx, base+"/admin"); st != http.StatusNotFound {
		t.Errorf("/admin for a non-admin = %d, want 404", st)
	}
	shoot(t, eveCtx, "admin-404")

	browserProfile(t, ctx, base, db, ops.ID)
	browserOrganization(t, ctx, base)
	browserAdmin(t, ctx, eveCtx, base)

	for name, ps := range map[string][]string{"admin": problems(), "eve": eveProblems()} {
		if p := slices.DeleteFunc(ps, is404); len(p) > 0 {
			t.Errorf("%s's browser reported problems:\n%s", name, strings.Join(p, "\n"))
		}
	}
}

// browserProfile changes the name, the marketing choice and the
// password, and ends a session signed in elsewhere.
func browserProfile(t *testing.T, ctx context.Context, base string, db *store.DB, userID int64) {
	do(t, ctx, "settings", chromedp.Navigate(base+"/settings"), chromedp.WaitVisible(chromedp.CSS("#profile-name")))
	submitIn(t, ctx, "/settings/profile", chromedp.Clear(chromedp.CSS("#profile-name")),
		chromedp.SendKeys(chromedp.CSS("#profile-name"), "Ada Operator"))
	if got := text(t, ctx, ".notice"); got != "Your profile was saved." {
		t.Errorf("after saving the profile: %q", got)
	}
	submitIn(t, ctx, "/settings/marketing", chromedp.Click(chromedp.CSS("#marketing")))
	if u, _ := db.User(context.Background(), userID); u.Name != "Ada Operator" || !u.MarketingOptIn {
		t.Errorf("user after the profile forms: %+v", u)
	}

	phone := newHTTPBrowser(t, base)
	if st, _, _ := phone.do(http.MethodPost, "/login", url.Values{"email": {"ops@example.com"}, "password": {pw}}); st != http.StatusSeeOther {
		t.Fatalf("second sign-in: %d", st)
	}
	do(t, ctx, "settings again", chromedp.Navigate(base+"/settings"), chromedp.WaitVisible(chromedp.CSS("#sessions")))
	shoot(t, ctx, "settings-profile")
	if _, err := chromedp.RunResponse(ctx, chromedp.Evaluate[chromedp.Void](`[...document.querySelectorAll("#main tbody tr")]
		.find(r => !r.textContent.includes("(this browser)")).querySelector("button").click()`)); err != nil {
		t.Fatalf("end the other session: %v", err)
	}
	if st, _, _ := phone.do(http.MethodGet, "/settings", nil); st != http.StatusSeeOther {
		t.Errorf("the ended session still works: %d", st)
	}

	const next = "a brand new passphrase"
	submitIn(t, ctx, "/settings/password", chromedp.SendKeys(chromedp.CSS("#current-password"), pw),
		chromedp.SendKeys(chromedp.CSS("#new-password"), next))
	if got := text(t, ctx, ".notice"); !strings.HasPrefix(got, "Your password was changed.") {
		t.Errorf("after the password change: %q", got)
	}
	do(t, ctx, "sign out", chromedp.Click(chromedp.CSS(`form[action="/logout"] button`)), chromedp.WaitVisible(chromedp.CSS(`a[href="/signup"]`)))
	do(t, ctx, "sign in with the new password", chromedp.Navigate(base+"/login?next=/settings"),
		chromedp.SendKeys(chromedp.CSS("#email"), "ops@example.com"), chromedp.SendKeys(chromedp.CSS("#password"), next),
		chromedp.Submit(chromedp.CSS("#password")), chromedp.WaitVisible(chromedp.CSS("#profile-name")))
}

// browserOrganization invites a member and creates a role connection.
func browserOrganization(t *testing.T, ctx context.Context, base string) {
	do(t, ctx, "organization", chromedp.Navigate(base+"/settings/organization"), chromedp.WaitVisible(chromedp.CSS("#retention-days")))
	shoot(t, ctx, "settings-organization")
	do(t, ctx, "members", chromedp.Navigate(base+"/settings/members"), chromedp.WaitVisible(chromedp.CSS("#invite-email")))
	submitIn(t, ctx, "/settings/invitations", chromedp.SendKeys(chromedp.CSS("#invite-email"), "carol@example.com"))
	if !strings.Contains(text(t, ctx, "#main"), "carol@example.com") {
		t.Error("the invitation is not pending")
	}
	shoot(t, ctx, "settings-members")
	do(t, ctx, "connections", chromedp.Navigate(base+"/settings/connections"), chromedp.WaitVisible(chromedp.CSS("#role-name")))
	submitIn(t, ctx, "/settings/connections", chromedp.SendKeys(chromedp.CSS("#role-name"), "production"))
	if id := text(t, ctx, `[id^="external-id-"]`); !strings.HasPrefix(id, "syncloud-") || len(id) < 40 {
		t.Errorf("external ID shown: %q", id)
	}
	shoot(t, ctx, "settings-connections")
}

// browserAdmin disables Eve from the Admin Console; her browser is
// signed out on its next request.
func browserAdmin(t *testing.T, ctx, eveCtx context.Context, base string) {
	do(t, ctx, "admin", chromedp.Navigate(base+"/admin"), chromedp.WaitVisible(chromedp.CSS("#queue-depth")))
	shoot(t, ctx, "admin-health")
	do(t, ctx, "users", chromedp.Navigate(base+"/admin/users?q=eve"), chromedp.WaitVisible(chromedp.CSS(`form[action$="/disable"]`)))
	if _, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`form[action$="/disable"] button`))); err != nil {
		t.Fatalf("disable: %v", err)
	}
	if !strings.Contains(text(t, ctx, "#main tbody"), "disabled") {
		t.Error("eve is not shown disabled")
	}
	shoot(t, ctx, "admin-users")
	do(t, eveCtx, "eve's next request", chromedp.Navigate(base+"/settings"), chromedp.WaitVisible(chromedp.CSS("#password")))
	if loc := eval[string](t, eveCtx, `location.pathname`); loc != "/login" {
		t.Errorf("the disabled user's browser is at %s, want /login", loc)
	}
	do(t, ctx, "organizations", chromedp.Navigate(base+"/admin/organizations"), chromedp.WaitVisible(chromedp.CSS("select")))
	shoot(t, ctx, "admin-organizations")
	do(t, ctx, "audit", chromedp.Navigate(base+"/admin/audit?action=admin."), chromedp.WaitVisible(chromedp.CSS(".events")))
	if !strings.Contains(text(t, ctx, ".events"), "admin.user_disable") {
		t.Error("the platform audit log lacks the disable")
	}
	shoot(t, ctx, "admin-audit")
}
