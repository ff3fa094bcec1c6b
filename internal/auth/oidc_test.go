package auth

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/zitadel/oidc/v3/example/server/exampleop"
	"github.com/zitadel/oidc/v3/example/server/storage"
)

const oidcCallbackURL = "https://portal.test/auth/google/callback"

// registerOIDCClient guards zitadel's example client registry, a package
// variable.
var registerOIDCClient sync.Once

// startOIDCProvider starts a real OpenID provider (zitadel/oidc's op with
// its example in-memory storage and login page) and returns its issuer.
// Its user "test-user@127.0.0.1" / "verysecure" has the verified email
// test-user@zitadel.ch.
func startOIDCProvider(t *testing.T) string {
	t.Helper()
	registerOIDCClient.Do(func() {
		storage.RegisterClients(storage.WebClient("syncloud-web", "web-secret", oidcCallbackURL))
	})
	srv := httptest.NewUnstartedServer(nil)
	issuer := "http://" + srv.Listener.Addr().String()
	srv.Config.Handler = exampleop.SetupServer(issuer, storage.NewStorage(storage.NewUserStore(issuer)), nil, false)
	srv.Start()
	t.Cleanup(srv.Close)
	return issuer
}

// oidcAuthorize signs in at the provider's login page and returns the
// URL it redirects back to.
func oidcAuthorize(password string) func(t *testing.T, providerURL string) string {
	return func(t *testing.T, providerURL string) string {
		jar, _ := cookiejar.New(nil)
		client := &http.Client{Jar: jar, CheckRedirect: func(r *http.Request, _ []*http.Request) error {
			if strings.HasPrefix(r.URL.String(), oidcCallbackURL) {
				return http.ErrUseLastResponse
			}
			return nil
		}}
		resp, err := client.Get(providerURL) // → the login page
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		loginPage := resp.Request.URL
		form := url.Values{"username": {"test-user@" + loginPage.Hostname()}, "password": {password},
			"id": {loginPage.Query().Get("authRequestID")}}
		resp, err = client.PostForm(loginPage.Scheme+"://"+loginPage.Host+"/login/username", form)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusFound {
			t.Fatalf("provider login: status %d, want a redirect back", resp.StatusCode)
		}
		return resp.Header.Get("Location")
	}
}

func newOIDCFixture(t *testing.T) (*fixture, *OAuth) {
	f := newFixture(t, DefaultLimits)
	issuer := startOIDCProvider(t)
	p, err := NewOIDCProvider(context.Background(), OIDCConfig{Name: "google", Issuer: issuer,
		ClientID: "syncloud-web", ClientSecret: "web-secret", RedirectURL: oidcCallbackURL})
	if err != nil {
		t.Fatal(err)
	}
	o, err := NewOAuth(f.svc.Accounts, bytes.Repeat([]byte{4}, 32), false, p)
	if err != nil {
		t.Fatal(err)
	}
	return f, o
}

func TestOIDCSignUpAndSignIn(t *testing.T) {
	f, o := newOIDCFixture(t)
	b := &browser{t: t, cookies: map[string]*http.Cookie{}, authorize: oidcAuthorize("verysecure")}
	res, err := b.flow(o, "google", 0)
	if err != nil {
		t.Fatal(err)
	}
	if !res.Created || res.Login.User.Email != "test-user@zitadel.ch" {
		t.Fatalf("first OIDC sign-in: created=%v user=%+v", res.Created, res.Login.User)
	}
	link, err := f.db.OAuthIdentity(context.Background(), "google", "id1")
	if err != nil || link.UserID != res.Login.User.ID {
		t.Fatalf("identity link: %+v, %v", link, err)
	}
	again, err := b.flow(o, "google", 0)
	if err != nil || again.Created || again.Login.User.ID != res.Login.User.ID {
		t.Fatalf("second OIDC sign-in: %+v, %v", again, err)
	}
	if _, err := f.svc.Sessions.Check(context.Background(), res.Login.Token); err == nil {
		t.Error("the first session survived the second sign-in in the same browser")
	}
}

func TestOIDCRejectsWrongNonceAndState(t *testing.T) {
	_, o := newOIDCFixture(t)
	b := &browser{t: t, cookies: map[string]*http.Cookie{}}
	// A code obtained for one attempt cannot finish another: the second
	// attempt's flow cookie has another state, verifier and nonce.
	var stolen string
	b.authorize = func(t *testing.T, u string) string {
		stolen = oidcAuthorize("verysecure")(t, u)
		return stolen
	}
	if _, err := b.flow(o, "google", 0); err != nil {
		t.Fatal(err)
	}
	victim := &browser{t: t, cookies: map[string]*http.Cookie{}, authorize: func(*testing.T, string) string { return stolen }}
	if _, err := victim.flow(o, "google", 0); err == nil {
		t.Error("a replayed callback from another attempt signed in")
	}
}
