package auth

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

const callbackURL = "https://portal.test/auth/github/callback"

// browser drives an OAuth flow as a browser would: it keeps the cookies
// the platform sets and follows the provider's redirects until they come
// back to the platform's callback.
type browser struct {
	t       *testing.T
	cookies map[string]*http.Cookie
	// authorize takes the provider URL and returns the callback URL the
	// provider redirected back to.
	authorize func(t *testing.T, providerURL string) string
}

func (b *browser) keep(rec *httptest.ResponseRecorder) {
	for _, c := range rec.Result().Cookies() {
		b.cookies[c.Name] = c
	}
}

func (b *browser) request(target string) *http.Request {
	r := httptest.NewRequest(http.MethodGet, target, nil)
	for _, c := range b.cookies {
		if c.MaxAge >= 0 {
			r.AddCookie(c)
		}
	}
	return r
}

// flow runs Begin, the provider, and Callback.
func (b *browser) flow(o *OAuth, provider string, linkUser int64) (*OAuthResult, error) {
	b.t.Helper()
	rec := httptest.NewRecorder()
	target, err := o.Begin(rec, provider, linkUser)
	if err != nil {
		b.t.Fatal(err)
	}
	b.keep(rec)
	back := b.authorize(b.t, target)
	rec = httptest.NewRecorder()
	res, err := o.Callback(rec, b.request(back), provider, "192.0.2.1", "test")
	b.keep(rec)
	if err == nil && res.Login != nil && b.cookies[SessionCookie].Value != res.Login.Token {
		b.t.Errorf("Callback did not set the session cookie")
	}
	return res, err
}

// noRedirects is a client that hands back every redirect.
var noRedirects = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error {
	return http.ErrUseLastResponse
}}

func githubAuthorize(t *testing.T, providerURL string) string {
	resp, err := noRedirects.Get(providerURL)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusFound {
		t.Fatalf("authorize: status %d", resp.StatusCode)
	}
	return resp.Header.Get("Location")
}

type githubFixture struct {
	*fixture
	gh    *githubStandIn
	oauth *OAuth
}

func newGitHubFixture(t *testing.T) *githubFixture {
	f := newFixture(t, DefaultLimits)
	gh := newGitHubStandIn(t, callbackURL)
	p := NewGitHubProvider(GitHubConfig{ClientID: gh.clientID, ClientSecret: gh.secret, RedirectURL: callbackURL,
		BaseURL: gh.URL, APIURL: gh.URL})
	o, err := NewOAuth(f.svc.Accounts, bytes.Repeat([]byte{3}, 32), false, p)
	if err != nil {
		t.Fatal(err)
	}
	return &githubFixture{fixture: f, gh: gh, oauth: o}
}

func (g *githubFixture) browser(t *testing.T) *browser {
	return &browser{t: t, cookies: map[string]*http.Cookie{}, authorize: githubAuthorize}
}

var octocat = githubAccount{
	user:   githubUser{ID: 583231, Login: "octocat", Name: "The Octocat"},
	emails: []githubEmail{{Email: "old@example.com", Verified: true}, {Email: "octo@example.com", Primary: true, Verified: true}},
}

func TestGitHubSignUpAndSignIn(t *testing.T) {
	g := newGitHubFixture(t)
	ctx := context.Background()
	g.gh.signIn(octocat)
	res, err := g.browser(t).flow(g.oauth, "github", 0)
	if err != nil {
		t.Fatal(err)
	}
	if !res.Created || res.Login.User.Email != "octo@example.com" || res.Login.User.Name != "The Octocat" {
		t.Fatalf("first sign-in: %+v", res)
	}
	if _, err := g.svc.Sessions.Check(ctx, res.Login.Token); err != nil {
		t.Errorf("session after GitHub sign-in: %v", err)
	}
	if ms, _ := g.db.UserMemberships(ctx, res.Login.User.ID); len(ms) != 1 || ms[0].Role != "owner" {
		t.Errorf("memberships of the new user: %+v", ms)
	}
	again, err := g.browser(t).flow(g.oauth, "github", 0)
	if err != nil || again.Created || again.Login.User.ID != res.Login.User.ID {
		t.Fatalf("second sign-in: %+v, %v", again, err)
	}
	if g.audit.count("account.register") != 1 || g.audit.count("auth.login") != 2 {
		t.Errorf("audit = %v", g.audit.actions())
	}
}

func TestGitHubExistingEmailNeedsLinking(t *testing.T) {
	g := newGitHubFixture(t)
	u, _ := g.register(t, "octo@example.com", goodPassword)
	g.gh.signIn(octocat)
	if _, err := g.browser(t).flow(g.oauth, "github", 0); !errors.Is(err, ErrLinkRequired) {
		t.Fatalf("GitHub sign-in to an existing email: %v, want ErrLinkRequired", err)
	}
	// Signed in with the password, the user links GitHub.
	b := g.browser(t)
	login, _ := g.login("octo@example.com", goodPassword, "192.0.2.1")
	b.cookies[SessionCookie] = &http.Cookie{Name: SessionCookie, Value: login.Token}
	res, err := b.flow(g.oauth, "github", u.ID)
	if err != nil || res.Linked == nil || res.Linked.UserID != u.ID || res.Linked.Subject != "583231" {
		t.Fatalf("link: %+v, %v", res, err)
	}
	if g.audit.count("auth.oauth_link") != 1 {
		t.Errorf("audit = %v", g.audit.actions())
	}
	signIn, err := g.browser(t).flow(g.oauth, "github", 0)
	if err != nil || signIn.Login.User.ID != u.ID {
		t.Errorf("GitHub sign-in after linking: %+v, %v", signIn, err)
	}
	// The same GitHub account cannot be linked to a second user.
	v, _ := g.register(t, "vera@example.com", goodPassword)
	other := g.browser(t)
	vl, _ := g.login("vera@example.com", goodPassword, "192.0.2.1")
	other.cookies[SessionCookie] = &http.Cookie{Name: SessionCookie, Value: vl.Token}
	if _, err := other.flow(g.oauth, "github", v.ID); !errors.Is(err, ErrIdentityTaken) {
		t.Errorf("linking a taken identity: %v, want ErrIdentityTaken", err)
	}
}

func TestGitHubLinkNeedsTheSameSignedInUser(t *testing.T) {
	g := newGitHubFixture(t)
	u, _ := g.register(t, "octo@example.com", goodPassword)
	g.gh.signIn(octocat)
	if _, err := g.browser(t).flow(g.oauth, "github", u.ID); !errors.Is(err, ErrUnauthorized) {
		t.Errorf("link without a session: %v, want ErrUnauthorized", err)
	}
}

func TestGitHubUnverifiedEmail(t *testing.T) {
	g := newGitHubFixture(t)
	g.gh.signIn(githubAccount{user: githubUser{ID: 7, Login: "x"},
		emails: []githubEmail{{Email: "x@example.com", Primary: true, Verified: false}}})
	if _, err := g.browser(t).flow(g.oauth, "github", 0); !errors.Is(err, ErrEmailUnverified) {
		t.Errorf("unverified email: %v, want ErrEmailUnverified", err)
	}
}

func TestOAuthStateChecks(t *testing.T) {
	g := newGitHubFixture(t)
	g.gh.signIn(octocat)
	for _, tc := range []struct {
		name   string
		mangle func(b *browser, back string) string
		want   error
	}{
		{"no flow cookie", func(b *browser, back string) string {
			delete(b.cookies, OAuthCookie)
			return back
		}, ErrOAuthState},
		{"state changed", func(_ *browser, back string) string {
			return back[:len(back)-2] + "xx"
		}, ErrOAuthState},
		{"forged cookie", func(b *browser, back string) string {
			c := *b.cookies[OAuthCookie]
			c.Value = "e30." + c.Value[len(c.Value)-43:] // {} with the old signature
			b.cookies[OAuthCookie] = &c
			return back
		}, ErrOAuthState},
		{"too slow", func(_ *browser, back string) string {
			g.clock.Advance(oauthFlowTTL + time.Second)
			return back
		}, ErrOAuthState},
		{"provider refused", func(_ *browser, back string) string {
			state := httptest.NewRequest("GET", back, nil).URL.Query().Get("state")
			return callbackURL + "?error=access_denied&state=" + state
		}, ErrUnauthorized},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := g.browser(t)
			b.authorize = func(t *testing.T, u string) string { return tc.mangle(b, githubAuthorize(t, u)) }
			if _, err := b.flow(g.oauth, "github", 0); !errors.Is(err, tc.want) {
				t.Errorf("Callback = %v, want %v", err, tc.want)
			}
		})
	}
}

func TestGitHubCodeNeedsPKCEVerifier(t *testing.T) {
	g := newGitHubFixture(t)
	g.gh.signIn(octocat)
	p := NewGitHubProvider(GitHubConfig{ClientID: g.gh.clientID, ClientSecret: g.gh.secret,
		RedirectURL: callbackURL, BaseURL: g.gh.URL, APIURL: g.gh.URL})
	back := githubAuthorize(t, p.AuthCodeURL("st", "the-right-verifier-0123456789012345678901234", ""))
	code := httptest.NewRequest("GET", back, nil).URL.Query().Get("code")
	if _, err := p.Exchange(context.Background(), code, "a-wrong-verifier-0123456789012345678901234567", ""); err == nil {
		t.Error("code redeemed with the wrong PKCE verifier")
	}
}
