package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/syncloud/syncloud/internal/auth"
)

// TestOAuthRoutes checks the web side of OAuth: the start redirect carries
// state and a PKCE challenge, unknown providers are 404, and a callback
// without its flow cookie signs nobody in. The full flows against a real
// OIDC provider and a GitHub stand-in are internal/auth's tests.
func TestOAuthRoutes(t *testing.T) {
	gh := auth.NewGitHubProvider(auth.GitHubConfig{ClientID: "cid", ClientSecret: "secret",
		RedirectURL: "http://portal.test/api/v1/auth/oauth/github/callback", BaseURL: "http://github.invalid", APIURL: "http://api.github.invalid"})
	p := newPlatform(t, gh)
	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := noRedirect.Get(p.srv.URL + "/api/v1/auth/oauth/github")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	loc, _ := url.Parse(resp.Header.Get("Location"))
	q := loc.Query()
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc.String(), "http://github.invalid/login/oauth/authorize") ||
		q.Get("state") == "" || q.Get("code_challenge") == "" || q.Get("code_challenge_method") != "S256" || len(resp.Cookies()) == 0 {
		t.Errorf("start: %d, Location %s, cookies %v", resp.StatusCode, loc, resp.Cookies())
	}
	anon := &client{p: p}
	if status, _ := anon.do(http.MethodGet, "/api/v1/auth/oauth/myspace", nil); status != http.StatusNotFound {
		t.Errorf("unknown provider: status %d, want 404", status)
	}
	status, _ := anon.do(http.MethodGet, "/api/v1/auth/oauth/github/callback?code=c&state="+q.Get("state"), nil)
	if status < 400 || anon.cookie != nil {
		t.Errorf("callback without the flow cookie: status %d, session cookie %v", status, anon.cookie)
	}
}
