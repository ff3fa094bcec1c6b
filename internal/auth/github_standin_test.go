package auth

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
)

// githubStandIn is a local stand-in for GitHub's OAuth endpoints and user
// API, faithful to what the provider relies on: the authorize redirect
// with state, single-use codes bound to client, redirect URI and PKCE
// challenge, the form-encoded token answer (HTTP 200 with error= on
// failure, as GitHub does), and /user, /user/emails behind the token.
type githubStandIn struct {
	*httptest.Server
	clientID, secret, redirect string

	mu sync.Mutex
	// signedIn is the GitHub user the browser is signed in as.
	signedIn githubAccount
	codes    map[string]githubGrant
	tokens   map[string]githubAccount
}

type githubAccount struct {
	user   githubUser
	emails []githubEmail
}

type githubGrant struct {
	account   githubAccount
	challenge string
	redirect  string
}

func newGitHubStandIn(t *testing.T, redirect string) *githubStandIn {
	g := &githubStandIn{clientID: "gh-client", secret: "gh-secret", redirect: redirect,
		codes: map[string]githubGrant{}, tokens: map[string]githubAccount{}}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /login/oauth/authorize", g.authorize)
	mux.HandleFunc("POST /login/oauth/access_token", g.accessToken)
	mux.HandleFunc("GET /user", g.api(func(a githubAccount) any { return a.user }))
	mux.HandleFunc("GET /user/emails", g.api(func(a githubAccount) any { return a.emails }))
	g.Server = httptest.NewServer(mux)
	t.Cleanup(g.Close)
	return g
}

func (g *githubStandIn) signIn(a githubAccount) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.signedIn = a
}

func (g *githubStandIn) authorize(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if q.Get("client_id") != g.clientID || q.Get("redirect_uri") != g.redirect {
		http.Error(w, "unknown client or redirect_uri mismatch", http.StatusBadRequest)
		return
	}
	if q.Get("code_challenge_method") != "S256" || q.Get("code_challenge") == "" {
		http.Error(w, "PKCE required by this stand-in", http.StatusBadRequest)
		return
	}
	code := newToken()
	g.mu.Lock()
	g.codes[code] = githubGrant{account: g.signedIn, challenge: q.Get("code_challenge"), redirect: q.Get("redirect_uri")}
	g.mu.Unlock()
	back := url.Values{"code": {code}, "state": {q.Get("state")}}
	http.Redirect(w, r, g.redirect+"?"+back.Encode(), http.StatusFound)
}

func (g *githubStandIn) accessToken(w http.ResponseWriter, r *http.Request) {
	r.ParseForm()
	g.mu.Lock()
	grant, ok := g.codes[r.PostForm.Get("code")]
	delete(g.codes, r.PostForm.Get("code")) // single use
	g.mu.Unlock()
	sum := sha256.Sum256([]byte(r.PostForm.Get("code_verifier")))
	w.Header().Set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
	switch {
	case r.PostForm.Get("client_id") != g.clientID || r.PostForm.Get("client_secret") != g.secret:
		w.Write([]byte("error=incorrect_client_credentials"))
	case !ok || r.PostForm.Get("redirect_uri") != grant.redirect:
		w.Write([]byte("error=bad_verification_code"))
	case base64.RawURLEncoding.EncodeToString(sum[:]) != grant.challenge:
		w.Write([]byte("error=bad_verification_code&error_description=PKCE+verification+failed"))
	default:
		tok := "gho_" + newToken()
		g.mu.Lock()
		g.tokens[tok] = grant.account
		g.mu.Unlock()
		w.Write([]byte(url.Values{"access_token": {tok}, "token_type": {"bearer"}, "scope": {"read:user,user:email"}}.Encode()))
	}
}

func (g *githubStandIn) api(view func(githubAccount) any) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		tok, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		g.mu.Lock()
		a, known := g.tokens[tok]
		g.mu.Unlock()
		if !ok || !known {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusUnauthorized)
			w.Write([]byte(`{"message":"Bad credentials"}`))
			return
		}
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		json.NewEncoder(w).Encode(view(a))
	}
}
