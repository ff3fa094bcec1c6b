package portal

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/syncloud/syncloud/internal/store"
)

const pw = "correct horse battery staple"

func TestSettingsProfileUpdate(t *testing.T) {
	sp := newSettingsPortal(t)
	b := sp.browser(t)
	b.signUp("ada@example.com", "Analytical")
	sp.browser(t).signUp("taken@example.com", "Other")
	b.do(http.MethodGet, "/settings", nil)
	tests := []struct {
		name           string
		form           url.Values
		status         int
		wants, notWant []string
	}{
		{"empty name", url.Values{"name": {" "}, "email": {"ada@example.com"}}, 422, []string{`id="name-error"`, `value="ada@example.com"`}, nil},
		{"bad email", url.Values{"name": {"Ada L"}, "email": {"ada@"}}, 422, []string{`id="email-error"`, `value="ada@"`, `value="Ada L"`}, nil},
		{"new email without password", url.Values{"name": {"Ada L"}, "email": {"ada@new.example"}}, 422,
			[]string{`id="email-password-error"`, `value="ada@new.example"`}, nil},
		{"wrong password", url.Values{"name": {"Ada L"}, "email": {"ada@new.example"}, "password": {"not it at all"}}, 422,
			[]string{`id="email-password-error"`}, []string{"not it at all"}},
		{"taken email", url.Values{"name": {"Ada L"}, "email": {"taken@example.com"}, "password": {pw}}, 422,
			[]string{`id="email-error"`, "Another account"}, []string{pw}},
		{"name only", url.Values{"name": {"Ada Lovelace"}, "email": {"ada@example.com"}}, 303, nil, nil},
		{"new email", url.Values{"name": {"Ada Lovelace"}, "email": {"ada@new.example"}, "password": {pw}}, 303, nil, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			st, _, body := b.post("/settings/profile", tc.form)
			if st != tc.status {
				t.Fatalf("status %d, want %d\n%s", st, tc.status, body)
			}
			wantIn(t, "page", body, tc.wants...)
			for _, n := range tc.notWant {
				if strings.Contains(body, n) {
					t.Errorf("page echoes %q", n)
				}
			}
		})
	}
	u, _ := sp.user(t, "ada@new.example")
	if u.Name != "Ada Lovelace" {
		t.Errorf("name = %q", u.Name)
	}
	if _, _, body := b.do(http.MethodGet, "/settings?saved=profile", nil); !strings.Contains(body, "Your profile was saved.") {
		t.Error("no confirmation")
	}
	if _, _, body := b.do(http.MethodGet, "/settings?saved=<b>forged</b>", nil); strings.Contains(body, "forged") {
		t.Error("the confirmation echoes the query")
	}
}

func TestSettingsPasswordChange(t *testing.T) {
	sp := newSettingsPortal(t)
	b := sp.browser(t)
	b.signUp("ada@example.com", "Analytical")
	other := sp.browser(t)
	if st, _, _ := other.do(http.MethodPost, "/login", url.Values{"email": {"ada@example.com"}, "password": {pw}}); st != http.StatusSeeOther {
		t.Fatal("second sign-in failed")
	}
	b.do(http.MethodGet, "/settings", nil)
	const next = "a different long passphrase"
	for _, tc := range []struct {
		name, current, next, errID string
	}{
		{"wrong current", "wrong wrong wrong", next, "current-error"},
		{"short new", pw, "short", "new-error"},
	} {
		st, _, body := b.post("/settings/password", url.Values{"current_password": {tc.current}, "new_password": {tc.next}})
		if st != http.StatusUnprocessableEntity || !strings.Contains(body, `id="`+tc.errID+`"`) || strings.Contains(body, tc.current) {
			t.Errorf("%s: %d, want 422 with %s and no password echoed", tc.name, st, tc.errID)
		}
	}
	st, loc, _ := b.post("/settings/password", url.Values{"current_password": {pw}, "new_password": {next}})
	if st != http.StatusSeeOther || loc != "/settings?saved=password" {
		t.Fatalf("change: %d %q", st, loc)
	}
	if st, _, _ := b.do(http.MethodGet, "/settings", nil); st != http.StatusOK {
		t.Errorf("this browser was signed out: %d", st)
	}
	if st, _, _ := other.do(http.MethodGet, "/settings", nil); st != http.StatusSeeOther {
		t.Errorf("the other session survived the change: %d", st)
	}
	fresh := sp.browser(t)
	if st, _, _ := fresh.do(http.MethodPost, "/login", url.Values{"email": {"ada@example.com"}, "password": {pw}}); st != http.StatusUnauthorized {
		t.Errorf("old password still signs in: %d", st)
	}
	if st, _, _ := fresh.do(http.MethodPost, "/login", url.Values{"email": {"ada@example.com"}, "password": {next}}); st != http.StatusSeeOther {
		t.Errorf("new password does not sign in: %d", st)
	}
}

func TestSettingsMarketingIsAudited(t *testing.T) {
	sp := newSettingsPortal(t)
	b := sp.browser(t)
	b.signUp("ada@example.com", "Analytical")
	if _, _, body := b.do(http.MethodGet, "/settings", nil); strings.Contains(body, `name="marketing" checked`) {
		t.Fatal("marketing mail is on by default")
	}
	for _, want := range []bool{true, false} {
		form := url.Values{}
		if want {
			form.Set("marketing", "on")
		}
		if st, loc, _ := b.post("/settings/marketing", form); st != http.StatusSeeOther || loc != "/settings?saved=marketing" {
			t.Fatalf("save %v: %d %q", want, st, loc)
		}
		if u, _ := sp.user(t, "ada@example.com"); u.MarketingOptIn != want {
			t.Errorf("opt-in = %v, want %v", u.MarketingOptIn, want)
		}
	}
	b.post("/settings/marketing", url.Values{}) // unchanged: not recorded again
	evs := sp.events(t, 0, "account.marketing_consent")
	if len(evs) != 2 || !strings.Contains(string(evs[0].Details), `"marketing_opt_in":true`) || !strings.Contains(string(evs[1].Details), `"marketing_opt_in":false`) {
		t.Errorf("audit events: %+v", evs)
	}
}

func TestSettingsProviderLinks(t *testing.T) {
	sp := newSettingsPortal(t)
	b := sp.browser(t)
	b.signUp("ada@example.com", "Analytical")
	_, _, page := b.do(http.MethodGet, "/settings", nil)
	wantIn(t, "settings", page, "GitHub: not linked", `action="/settings/oauth/github/link"`)
	st, loc, _ := b.post("/settings/oauth/github/link", nil)
	if st != http.StatusSeeOther || !strings.HasPrefix(loc, "https://github.test/login/oauth/authorize?") {
		t.Fatalf("link: %d %q, want the provider's sign-in", st, loc)
	}
	if st, _, _ := b.post("/settings/oauth/gitlab/link", nil); st != http.StatusNotFound {
		t.Errorf("unknown provider: %d", st)
	}
	if st, _, _ := b.post("/settings/oauth/github/unlink", nil); st != http.StatusNotFound {
		t.Errorf("unlinking what is not linked: %d", st)
	}
	u, _ := sp.user(t, "ada@example.com")
	if err := sp.db.LinkOAuthIdentity(context.Background(), &store.OAuthIdentity{Provider: "github", Subject: "42", UserID: u.ID, Email: "ada@gh.example"}); err != nil {
		t.Fatal(err)
	}
	if st, loc, _ := b.do(http.MethodGet, "/account", nil); st != http.StatusSeeOther || loc != "/settings?saved=linked" {
		t.Errorf("the link callback's landing: %d %q", st, loc)
	}
	if _, _, page = b.do(http.MethodGet, "/settings?saved=linked", nil); !strings.Contains(page, "GitHub: linked (ada@gh.example)") {
		t.Fatal("link not shown")
	}
	if st, loc, _ := b.post("/settings/oauth/github/unlink", nil); st != http.StatusSeeOther || loc != "/settings?saved=unlinked" {
		t.Fatalf("unlink: %d %q", st, loc)
	}
	if ids, _ := sp.db.UserOAuthIdentities(context.Background(), u.ID); len(ids) != 0 || len(sp.events(t, 0, "auth.oauth_unlink")) != 1 {
		t.Errorf("after unlink: %d links, event missing?", len(ids))
	}
}

// TestSettingsProviderOnlyAccount: an account made through GitHub has no
// password, so no password forms, an email it cannot change here, and
// its only provider cannot be unlinked.
func TestSettingsProviderOnlyAccount(t *testing.T) {
	sp := newSettingsPortal(t)
	ctx := context.Background()
	acc := &store.NewAccount{User: store.User{Email: "gh@example.com", Name: "Octo"}, Org: store.Organization{Name: "Octo Org"}}
	if err := sp.db.CreateAccount(ctx, acc); err != nil {
		t.Fatal(err)
	}
	if err := sp.db.LinkOAuthIdentity(ctx, &store.OAuthIdentity{Provider: "github", Subject: "7", UserID: acc.User.ID}); err != nil {
		t.Fatal(err)
	}
	token, _, err := sp.auth.Sessions.Start(ctx, acc.User.ID, "", "192.0.2.1", "test")
	if err != nil {
		t.Fatal(err)
	}
	b := sp.browser(t)
	u, _ := url.Parse(sp.srv.URL)
	b.c.Jar.SetCookies(u, []*http.Cookie{{Name: sp.auth.Cookies.Name(), Value: token, Path: "/"}})
	_, _, page := b.do(http.MethodGet, "/settings", nil)
	if strings.Contains(page, `id="current-password"`) || !strings.Contains(page, `readonly aria-describedby="email-hint"`) {
		t.Errorf("provider-only account: password form shown or email editable\n%s", page)
	}
	st, _, body := b.post("/settings/oauth/github/unlink", nil)
	if st != http.StatusUnprocessableEntity || !strings.Contains(body, `id="oauth-error"`) {
		t.Errorf("unlinking the only sign-in: %d", st)
	}
	if ids, _ := sp.db.UserOAuthIdentities(ctx, acc.User.ID); len(ids) != 1 {
		t.Error("the only provider was unlinked")
	}
	st, _, body = b.post("/settings/profile", url.Values{"name": {"Octo"}, "email": {"new@example.com"}})
	if st != http.StatusUnprocessableEntity || !strings.Contains(body, `id="email-password-error"`) {
		t.Errorf("email change without a password: %d", st)
	}
}
