package portal

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestBrowserJourney drives Chromium through the portal: sign up, create
// and copy an API key, generate code in the playground, find it in the
// activity log, export the log and verify its chain, sign out; then a
// user of another organization sees none of the first one's keys and
// cannot revoke them by URL. Any console error fails the test.
func TestBrowserJourney(t *testing.T) {
	requireChromium(t)
	base := realServer(t)
	ctx, problems := newBrowser(t)

	do(t, ctx, "landing", chromedp.Navigate(base+"/"), chromedp.WaitVisible(chromedp.CSS("h1")))
	shoot(t, ctx, "01-landing")
	do(t, ctx, "privacy", chromedp.Navigate(base+"/privacy"), chromedp.WaitVisible(chromedp.CSS("h1")))
	shoot(t, ctx, "02-privacy")
	do(t, ctx, "sign up", signUpIn(base, "Ada Lovelace", "Analytical Engines", "ada@example.com"))
	shoot(t, ctx, "03-playground-empty")

	do(t, ctx, "create key",
		chromedp.Navigate(base+"/keys"),
		chromedp.SendKeys(chromedp.CSS("#key-name"), "ci pipeline"),
		chromedp.Click(chromedp.CSS(`form[action="/keys"] button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS("#new-key-value")),
		chromedp.Click(chromedp.CSS(`button[data-copy="new-key-value"]`)))
	// The button confirms once the clipboard write settles.
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.querySelector('button[data-copy="new-key-value"]').textContent === "Copied"`,
		chromedp.WithPollingTimeout(5*time.Second))); err != nil {
		t.Errorf("copy button never said Copied: %v", err)
	}
	shoot(t, ctx, "04-key-created")

	do(t, ctx, "playground",
		chromedp.Navigate(base+"/playground"),
		chromedp.Click(chromedp.CSS(`button[data-example="a VPC with a DynamoDB table and an S3 bucket"]`)),
		chromedp.Submit(chromedp.CSS("#prompt")),
		chromedp.WaitVisible(chromedp.CSS("#file-0")))
	code := text(t, ctx, "#file-0")
	for _, want := range []string{"aws_vpc", "aws_dynamodb_table", "aws_s3_bucket"} {
		if !strings.Contains(code, want) {
			t.Errorf("generated code lacks %s", want)
		}
	}
	shoot(t, ctx, "05-playground-generated")

	do(t, ctx, "activity", chromedp.Navigate(base+"/activity"), chromedp.WaitVisible(chromedp.CSS(".events")))
	if !strings.Contains(text(t, ctx, ".events"), "generate") {
		t.Error("the activity log does not show the generation")
	}
	export := eval[string](t, ctx, `fetch(document.querySelector("a[href^='/activity/export?format=jsonl']").href).then(r => r.text())`)
	if !strings.Contains(export, `"action":"generate"`) {
		t.Errorf("JSON Lines export lacks the generation:\n%s", export)
	}
	do(t, ctx, "verify chain", chromedp.Click(chromedp.CSS(`form[action="/activity/verify"] button`)),
		chromedp.WaitVisible(chromedp.CSS("#verify-result")))
	if got := text(t, ctx, "#verify-result"); got != "Chain verified" {
		t.Errorf("verify chain says %q", got)
	}
	shoot(t, ctx, "06-activity-verified")
	do(t, ctx, "usage", chromedp.Navigate(base+"/usage?days=7"), chromedp.WaitVisible(chromedp.CSS(".chart svg")))
	shoot(t, ctx, "07-usage")

	do(t, ctx, "keys", chromedp.Navigate(base+"/keys"), chromedp.WaitVisible(chromedp.CSS("form[data-confirm]")))
	revokeURL := eval[string](t, ctx, `document.querySelector("form[data-confirm]").getAttribute("action")`)
	do(t, ctx, "sign out",
		chromedp.Click(chromedp.CSS(`form[action="/logout"] button`)),
		chromedp.WaitVisible(chromedp.CSS(`a[href="/signup"]`)))
	otherOrg(t, base, revokeURL)

	if p := problems(); len(p) > 0 {
		t.Errorf("browser reported problems:\n%s", strings.Join(p, "\n"))
	}
}

// otherOrg signs up a second user in another organization and checks that
// the first organization's key is neither listed nor revocable.
func otherOrg(t *testing.T, base, revokeURL string) {
	ctx, problems := newBrowser(t)
	do(t, ctx, "second user", signUpIn(base, "Eve", "Other Org", "eve@example.com"),
		chromedp.Navigate(base+"/keys"), chromedp.WaitVisible(chromedp.CSS("#key-name")))
	if strings.Contains(text(t, ctx, "main"), "ci pipeline") {
		t.Error("another organization's key is listed")
	}
	status := eval[int](t, ctx, `fetch(`+"`"+revokeURL+"`"+`, {method: "POST",
		headers: {"Content-Type": "application/x-www-form-urlencoded"},
		body: "csrf_token=" + encodeURIComponent(document.querySelector("input[name=csrf_token]").value)}).then(r => r.status)`)
	if status != 404 {
		t.Errorf("revoking another organization's key by URL answered %d, want 404", status)
	}
	shoot(t, ctx, "08-other-org-keys")
	// The refused revoke is the one resource expected to fail.
	if p := slices.DeleteFunc(problems(), func(m string) bool { return strings.HasSuffix(m, revokeURL+"]") }); len(p) > 0 {
		t.Errorf("second browser reported problems:\n%s", strings.Join(p, "\n"))
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
