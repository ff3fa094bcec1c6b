package portal

import (
	"context"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/syncloud/syncloud/internal/auth"
)

// sessionIdle is the idle timeout the session tests configure.
const sessionIdle = 10 * time.Minute

// testClock is the auth services' clock: the real time plus an offset the
// test moves forward, so that a session expires without waiting.
type testClock struct{ offset atomic.Int64 }

func (c *testClock) now() time.Time { return time.Now().Add(time.Duration(c.offset.Load())) }

func (c *testClock) advance(d time.Duration) { c.offset.Add(int64(d)) }

// TestBrowserCSRF posts the playground's form from Chromium with a forged
// token and with the token of a session that has since ended: each is
// refused with the 403 page that says what happened, and going back
// finds the prompt as it was typed.
func TestBrowserCSRF(t *testing.T) {
	requireChromium(t)
	base := realServer(t)
	ctx, problems := newBrowser(t)
	do(t, ctx, "sign up", signUpIn(base, "Ada Lovelace", "Analytical Engines", "ada@example.com"))
	stale := eval[string](t, ctx, `document.querySelector("form[action='/playground'] input[name=csrf_token]").value`)
	do(t, ctx, "sign out and in", chromedp.Click(chromedp.CSS(`form[action="/logout"] button`)),
		chromedp.WaitVisible(chromedp.CSS(`a[href="/signup"]`)), signInAt(base+"/login?next=/playground"),
		chromedp.WaitVisible(chromedp.CSS("#prompt")))

	for _, tc := range []struct{ name, token string }{{"forged", "forged-token"}, {"stale", stale}} {
		prompt := "an S3 bucket for " + tc.name + " invoices"
		do(t, ctx, "fill the form", chromedp.Navigate(base+"/playground"),
			chromedp.SendKeys(chromedp.CSS("#prompt"), prompt),
			chromedp.SetValue(chromedp.CSS("form[action='/playground'] input[name=csrf_token]"), tc.token))
		resp, err := chromedp.RunResponse(ctx, chromedp.Submit(chromedp.CSS("#prompt")))
		if err != nil || resp.Status != http.StatusForbidden {
			t.Fatalf("%s token: %v, %+v, want 403", tc.name, err, resp)
		}
		page := text(t, ctx, "main")
		if !strings.Contains(page, "Not allowed") || !strings.Contains(page, "The form expired or came from another site") {
			t.Errorf("%s token: the refusal reads %q", tc.name, page)
		}
		shootIn(t, ctx, "session", "csrf-"+tc.name)
		do(t, ctx, "back to the form", chromedp.NavigateBack(), chromedp.WaitVisible(chromedp.CSS("#prompt")))
		if got := eval[string](t, ctx, `document.getElementById("prompt").value`); got != prompt {
			t.Errorf("%s token: back on the form the prompt reads %q, want %q", tc.name, got, prompt)
		}
	}
	expectOnly(t, problems(), base+"/playground]")
}

// TestBrowserSessionExpiry lets a session sit idle past its timeout (a
// request before it keeps the session alive): the next navigation lands
// on /login?next=<the page>, and signing in returns the browser there.
func TestBrowserSessionExpiry(t *testing.T) {
	requireChromium(t)
	clock := &testClock{}
	base := realServerWith(t, serverOptions{Sessions: auth.SessionConfig{Idle: sessionIdle, Absolute: time.Hour}, Now: clock.now})
	ctx, problems := newBrowser(t)
	do(t, ctx, "sign up", signUpIn(base, "Ada Lovelace", "Analytical Engines", "ada@example.com"),
		chromedp.Navigate(base+"/keys"), chromedp.WaitVisible(chromedp.CSS("#key-name")))

	clock.advance(sessionIdle - time.Minute)
	do(t, ctx, "still signed in", chromedp.Navigate(base+"/settings"), chromedp.WaitVisible(chromedp.CSS(`form[action="/logout"]`)))
	// That request moved the idle deadline: the session expires a full
	// idle time after it.
	clock.advance(sessionIdle + time.Minute)
	do(t, ctx, "idle past the timeout", chromedp.Navigate(base+"/keys"), chromedp.WaitVisible(chromedp.CSS("#password")))
	if got := eval[string](t, ctx, `location.pathname + location.search`); got != "/login?next=%2Fkeys" {
		t.Errorf("after the idle timeout the browser is on %s, want /login?next=%%2Fkeys", got)
	}
	shootIn(t, ctx, "session", "expired-login")
	do(t, ctx, "sign in again", signInAt(""), chromedp.WaitVisible(chromedp.CSS("#key-name")))
	if got := eval[string](t, ctx, `location.pathname`); got != "/keys" {
		t.Errorf("after signing in again the browser is on %s, want /keys", got)
	}
	if p := problems(); len(p) > 0 {
		t.Errorf("browser reported problems:\n%s", strings.Join(p, "\n"))
	}
}

// TestBrowserLogoutEndsSession replays the browser's session cookie over
// plain HTTP before and after "Sign out": before, it opens /keys; after,
// it gets the sign-in redirect, so the session ended on the server and
// not only in the browser.
func TestBrowserLogoutEndsSession(t *testing.T) {
	requireChromium(t)
	base := realServer(t)
	ctx, problems := newBrowser(t)
	do(t, ctx, "sign up", signUpIn(base, "Ada Lovelace", "Analytical Engines", "ada@example.com"))
	cookies, err := chromedp.Call(ctx, network.GetCookies, network.GetCookiesParams{URLs: []string{base}})
	if err != nil || len(cookies.Cookies) == 0 {
		t.Fatalf("the browser's cookies: %v, %d", err, len(cookies.Cookies))
	}
	if st, loc := replay(t, base+"/keys", cookies.Cookies); st != http.StatusOK {
		t.Fatalf("the replayed cookie before sign-out: %d %s, want 200", st, loc)
	}
	do(t, ctx, "sign out", chromedp.Click(chromedp.CSS(`form[action="/logout"] button`)),
		chromedp.WaitVisible(chromedp.CSS(`a[href="/signup"]`)))
	if st, loc := replay(t, base+"/keys", cookies.Cookies); st != http.StatusSeeOther || loc != "/login?next=%2Fkeys" {
		t.Errorf("the replayed cookie after sign-out: %d %s, want 303 to /login?next=%%2Fkeys", st, loc)
	}
	if p := problems(); len(p) > 0 {
		t.Errorf("browser reported problems:\n%s", strings.Join(p, "\n"))
	}
}

// signInAt opens u (unless empty: the page already shown) and signs in
// as the user signUpIn made.
func signInAt(u string) chromedp.Action[chromedp.Void] {
	steps := []chromedp.Action[chromedp.Void]{
		chromedp.WaitVisible(chromedp.CSS("#password")),
		chromedp.SendKeys(chromedp.CSS("#email"), "ada@example.com"),
		chromedp.SendKeys(chromedp.CSS("#password"), "correct horse battery staple"),
		chromedp.Submit(chromedp.CSS("#password")),
	}
	if u != "" {
		steps = append([]chromedp.Action[chromedp.Void]{chromedp.Navigate(u)}, steps...)
	}
	return chromedp.Steps(steps...)
}

// replay sends GET u with the cookies over plain HTTP, without following
// redirects, and returns the status and Location.
func replay(t *testing.T, u string, cookies []*network.Cookie) (int, string) {
	t.Helper()
	req, err := http.NewRequestWithContext(context.Background(), http.MethodGet, u, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cookies {
		req.AddCookie(&http.Cookie{Name: c.Name, Value: c.Value})
	}
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode, resp.Header.Get("Location")
}

// expectOnly fails on browser problems other than those whose text ends
// with suffix (a refused form's 403 is logged as a failed resource).
func expectOnly(t *testing.T, problems []string, suffix string) {
	t.Helper()
	var other []string
	for _, p := range problems {
		if !strings.HasSuffix(p, suffix) {
			other = append(other, p)
		}
	}
	if len(other) > 0 {
		t.Errorf("browser reported problems:\n%s", strings.Join(other, "\n"))
	}
}
