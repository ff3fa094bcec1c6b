package portal

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/syncloud/syncloud/internal/kumotest"
)

// TestBrowserJourney drives one Chromium through the whole portal against
// the kumo emulator with real Terraform and a real run worker: sign up,
// create and copy an API key, an endpoint connection, the playground asked
// for a VPC with a DynamoDB table and an S3 bucket, Plan, Apply with the
// log streaming live, a change planned as exactly one added resource and
// applied, both runs with their Terraform in the activity log and its CSV
// and JSON Lines exports, the chain verified, sign-out; then a user of
// another organization is refused the first one's workspace, run, run
// events, state download and keys by URL. Any console error fails it;
// each step is photographed at 390 and 1440 px into
// .ci/artifacts/journey/NN-step-WIDTH.png.
func TestBrowserJourney(t *testing.T) {
	requireChromium(t)
	emu := kumotest.Start(t)
	base := runsServer(t)
	ctx, problems := newBrowserFor(t, 8*time.Minute)
	snap := func(name string) { shootIn(t, ctx, "journey", name) }

	do(t, ctx, "landing", chromedp.Navigate(base+"/"), chromedp.WaitVisible(chromedp.CSS("h1")))
	snap("01-landing")
	do(t, ctx, "sign up", signUpIn(base, "Ada Lovelace", "Analytical Engines", "ada@example.com"))
	snap("02-signed-up")
	revokeURL := createKey(t, ctx, base)
	snap("03-key-copied")
	connID := addEndpoint(t, ctx, base, emu.URL)
	snap("04-connection")

	do(t, ctx, "playground",
		chromedp.Navigate(base+"/playground"),
		chromedp.SendKeys(chromedp.CSS("#prompt"), browserPrompt),
		chromedp.SendKeys(chromedp.CSS("#ws-name"), "shop"),
		chromedp.SetValue(chromedp.CSS("#ws-connection"), connID))
	snap("05-playground")
	do(t, ctx, "plan", chromedp.Click(chromedp.CSS("#plan")), chromedp.WaitVisible(chromedp.CSS("#run-log")))
	first := waitStatus(t, ctx, "planned")
	if got := text(t, ctx, "#plan-summary"); got != "+5 to add ~0 to change -0 to destroy" {
		t.Errorf("first plan summary %q, want +5 (VPC, table, bucket, its public access block and encryption)", got)
	}
	snap("06-planned")
	streamed := applyLive(t, ctx)
	snap("07-applied")

	ws := workspaceOf(t, ctx)
	do(t, ctx, "ask a change",
		chromedp.Navigate(base+"/playground?workspace="+ws),
		chromedp.SendKeys(chromedp.CSS("#prompt"), "add a second table called carts"))
	snap("08-ask-change")
	do(t, ctx, "plan the change", chromedp.Click(chromedp.CSS("#plan")), chromedp.WaitVisible(chromedp.CSS("#run-log")))
	second := waitStatus(t, ctx, "planned")
	checkOneLineDiff(t, ctx)
	snap("09-change-planned")
	if !applyLive(t, ctx) && !streamed {
		t.Error("neither apply's log grew on the page before it reloaded: the log is not streamed")
	}
	snap("10-change-applied")
	checkTables(t, emu.URL, "sessions", "carts")

	stateURL := checkWorkspace(t, ctx, base, ws)
	snap("11-workspace")
	checkActivity(t, ctx, base, ws, first, second)
	snap("12-activity")
	do(t, ctx, "sign out", chromedp.Click(chromedp.CSS(`form[action="/logout"] button`)),
		chromedp.WaitVisible(chromedp.CSS(`a[href="/signup"]`)))
	snap("13-signed-out")
	if p := problems(); len(p) > 0 {
		t.Errorf("browser reported problems:\n%s", strings.Join(p, "\n"))
	}

	refused := []string{"/workspaces/" + ws, first, first + "/events", stateURL, revokeURL}
	otherOrg(t, ctx, base, refused)
	snap("14-other-org-refused")
	expected := func(m string) bool {
		return slices.ContainsFunc(refused, func(u string) bool { return strings.HasSuffix(m, base+u+"]") })
	}
	if p := slices.DeleteFunc(problems(), expected); len(p) > 0 {
		t.Errorf("browser reported problems after the second sign-up:\n%s", strings.Join(p, "\n"))
	}
}

// createKey creates an API key on /keys, copies it with the Copy button
// and returns the key's revoke URL.
func createKey(t *testing.T, ctx context.Context, base string) string {
	t.Helper()
	do(t, ctx, "create key",
		chromedp.Navigate(base+"/keys"),
		chromedp.SendKeys(chromedp.CSS("#key-name"), "ci pipeline"),
		chromedp.Click(chromedp.CSS(`form[action="/keys"] button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS("#new-key-value")),
		chromedp.Click(chromedp.CSS(`button[data-copy="new-key-value"]`)))
	// The button confirms once the clipboard write settles.
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.querySelector('button[data-copy="new-key-value"]').firstChild.nodeValue === "Copied"`,
		chromedp.WithPollingTimeout(5*time.Second))); err != nil {
		t.Errorf("copy button never said Copied: %v", err)
	}
	return eval[string](t, ctx, `document.querySelector("form[data-confirm]").getAttribute("action")`)
}

// addEndpoint adds an AWS connection to the emulator's endpoint and
// returns its ID.
func addEndpoint(t *testing.T, ctx context.Context, base, endpoint string) string {
	t.Helper()
	do(t, ctx, "endpoint connection",
		chromedp.Navigate(base+"/settings/connections"),
		chromedp.SendKeys(chromedp.CSS("#endpoint-name"), "kumo"),
		chromedp.SendKeys(chromedp.CSS("#endpoint-url"), endpoint),
		chromedp.Submit(chromedp.CSS("#endpoint-url")),
		chromedp.WaitVisible(chromedp.CSS(`article[id^="connection-"]`)))
	return eval[string](t, ctx, `document.querySelector('article[id^="connection-"]').id.split("-")[1]`)
}

// checkOneLineDiff checks what the run page shows for the change: one
// planned resource line, "+ aws_dynamodb_table.carts".
func checkOneLineDiff(t *testing.T, ctx context.Context) {
	t.Helper()
	if got := text(t, ctx, "#plan-summary"); got != "+1 to add ~0 to change -0 to destroy" {
		t.Errorf("change's plan summary %q, want exactly one addition", got)
	}
	lines := eval[[]string](t, ctx, `[...document.querySelectorAll("#changes li")].map(li =>
		li.querySelector(".mark").textContent + " " + li.querySelector("code").textContent)`)
	if !slices.Equal(lines, []string{"+ aws_dynamodb_table.carts"}) {
		t.Errorf("the change's planned resources read %q, want the one line + aws_dynamodb_table.carts", lines)
	}
}

// checkWorkspace checks the workspace page (a state version per apply,
// the carts table in its Terraform) and returns a state download URL.
func checkWorkspace(t *testing.T, ctx context.Context, base, ws string) string {
	t.Helper()
	do(t, ctx, "workspace", chromedp.Navigate(base+"/workspaces/"+ws), chromedp.WaitVisible(chromedp.CSS("#states")))
	states := eval[[]string](t, ctx, `[...document.querySelectorAll("a[href^='/workspaces/`+ws+`/state/']")].map(a => a.getAttribute("href"))`)
	if len(states) < 2 {
		t.Fatalf("the workspace page offers %d state versions to download, want one per apply", len(states))
	}
	if code := text(t, ctx, "#file-0"); !strings.Contains(code, `resource "aws_dynamodb_table" "carts"`) {
		t.Errorf("the workspace's spec as Terraform lacks the carts table:\n%s", code)
	}
	return states[0]
}

// checkActivity finds both runs' plan events in the activity log filtered
// to the workspace, each with its Terraform shown as code per file, then
// both exports with the same filter, and verifies the chain.
func checkActivity(t *testing.T, ctx context.Context, base, ws, first, second string) {
	t.Helper()
	do(t, ctx, "activity", chromedp.Navigate(base+"/activity?action=run.plan&workspace="+ws),
		chromedp.WaitVisible(chromedp.CSS(".events")))
	targets := eval[[]string](t, ctx, `[...document.querySelectorAll(".events .event-target")].map(e => e.textContent)`)
	want := []string{"run:" + strings.TrimPrefix(first, "/runs/"), "run:" + strings.TrimPrefix(second, "/runs/")}
	if !slices.Equal(targets, want) {
		t.Errorf("the activity log's run.plan events of the workspace are on %q, want %q", targets, want)
	}
	files := eval[[]string](t, ctx, `[...document.querySelectorAll(".events .tf-file")].map(f =>
		f.querySelector(".tf-name").textContent + ": " + f.querySelector("pre code").textContent)`)
	if len(files) != 2 || !strings.HasPrefix(files[0], "main.tf.json: ") || strings.Contains(files[0], "carts") ||
		!strings.Contains(files[1], `"carts"`) {
		t.Errorf("the run.plan events' Terraform files read:\n%.3000s", strings.Join(files, "\n"))
	}
	jsonl := eval[string](t, ctx, `fetch(document.querySelector("a[href^='/activity/export'][href*='format=jsonl']").href).then(r => r.text())`)
	if n := strings.Count(jsonl, `"action":"run.plan"`); n != 2 || strings.Count(jsonl, "\n") != 2 || !strings.Contains(jsonl, "carts") {
		t.Errorf("JSON Lines export has %d run.plan events (want 2 and nothing else) or lacks the change's Terraform:\n%.2000s", n, jsonl)
	}
	csv := eval[string](t, ctx, `fetch(document.querySelector("a[href^='/activity/export'][href*='format=csv']").href).then(r => r.text())`)
	if n := strings.Count(csv, ",run.plan,run,"); n != 2 || !strings.Contains(csv, "carts") {
		t.Errorf("CSV export has %d run.plan rows (want 2) or lacks the change's Terraform:\n%.2000s", n, csv)
	}
	do(t, ctx, "verify chain", chromedp.Click(chromedp.CSS(`form[action^="/activity/verify"] button`)),
		chromedp.WaitVisible(chromedp.CSS("#verify-result")))
	if got := text(t, ctx, "#verify-result"); got != "Chain verified" {
		t.Errorf("verify chain says %q", got)
	}
	do(t, ctx, "open the change's event", chromedp.Evaluate[chromedp.Void](`document.querySelector(".events li:last-child details").open = true`))
}

// otherOrg signs up a user of another organization in the same browser
// and checks that each of the first organization's URLs answers 404 and
// that the first one's key is not listed.
func otherOrg(t *testing.T, ctx context.Context, base string, refused []string) {
	t.Helper()
	do(t, ctx, "second user", signUpIn(base, "Eve", "Other Org", "eve@example.com"),
		chromedp.Navigate(base+"/keys"), chromedp.WaitVisible(chromedp.CSS("#key-name")))
	if strings.Contains(text(t, ctx, "main"), "ci pipeline") {
		t.Error("another organization's key is listed")
	}
	for _, u := range refused {
		method := "GET"
		if strings.HasSuffix(u, "/revoke") {
			method = "POST"
		}
		status := eval[int](t, ctx, `fetch("`+u+`", {method: "`+method+`",
			headers: {"Content-Type": "application/x-www-form-urlencoded"}, body: "`+method+`" === "POST" ?
			"csrf_token=" + encodeURIComponent(document.querySelector("input[name=csrf_token]").value) : undefined}).then(r => r.status)`)
		if status != 404 {
			t.Errorf("%s %s as another organization answered %d, want 404", method, u, status)
		}
	}
	resp, err := chromedp.RunResponse(ctx, chromedp.Navigate(base+refused[0]))
	if err != nil || resp.Status != 404 || !strings.Contains(text(t, ctx, "main"), "This page does not exist.") {
		t.Errorf("opening another organization's workspace: %v, %+v", err, resp)
	}
}

func do(t *testing.T, ctx context.Context, step string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatalf("%s: %v", step, err)
	}
}

func text(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.TextContent(chromedp.CSS(sel)))
	if err != nil {
		t.Fatalf("text of %s: %v", sel, err)
	}
	return strings.TrimSpace(s)
}

func eval[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("evaluate %q: %v", expr, err)
	}
	return v
}
