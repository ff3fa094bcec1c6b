package auth

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"golang.org/x/oauth2"
)

// Identity is what a provider vouches for about the person who signed in.
type Identity struct {
	Provider string
	// Subject is the provider's stable user ID (OIDC "sub", GitHub's
	// numeric user ID).
	Subject       string
	Email         string
	EmailVerified bool
	Name          string
}

// OAuthProvider is one way to sign in with another site: Google (OIDC) or
// GitHub (OAuth 2 and its user API).
type OAuthProvider interface {
	// Name is the provider's key in URLs and identities ("google").
	Name() string
	// AuthCodeURL is where the browser goes to sign in, with the state,
	// the PKCE S256 challenge of verifier and, for OIDC, the nonce.
	AuthCodeURL(state, verifier, nonce string) string
	// Exchange redeems the code with the PKCE verifier and returns who
	// signed in; OIDC providers check the ID token's signature, audience,
	// expiry and nonce.
	Exchange(ctx context.Context, code, verifier, nonce string) (Identity, error)
}

// ErrOAuthState: the callback's state does not match the browser's flow
// cookie, the cookie is missing or forged, or the flow took too long
// (HTTP 400). It defeats login CSRF and code injection.
var ErrOAuthState = errors.New("oauth state mismatch or expired sign-in attempt")

// OAuthCookie holds a sign-in attempt's state, PKCE verifier and nonce
// between the redirect to the provider and the callback, signed so that it
// cannot be forged.
const OAuthCookie = "__Host-syncloud_oauth"

const devOAuthCookie = "syncloud_oauth"

// oauthFlowTTL bounds how long a user may take at the provider.
const oauthFlowTTL = 10 * time.Minute

// oauthFlow is the content of the flow cookie.
type oauthFlow struct {
	Provider string `json:"p"`
	State    string `json:"s"`
	Verifier string `json:"v"`
	Nonce    string `json:"n"`
	// LinkUser, when set, links the identity to this signed-in user
	// instead of signing in.
	LinkUser int64 `json:"l,omitempty"`
	Expires  int64 `json:"e"`
}

// flowCookies signs and reads the flow cookie.
type flowCookies struct {
	key      []byte
	insecure bool
}

func (f flowCookies) name() string {
	if f.insecure {
		return devOAuthCookie
	}
	return OAuthCookie
}

func (f flowCookies) mac(b []byte) []byte {
	m := hmac.New(sha256.New, f.key)
	m.Write([]byte("syncloud oauth flow\x00"))
	m.Write(b)
	return m.Sum(nil)
}

func (f flowCookies) set(w http.ResponseWriter, fl oauthFlow) {
	b, _ := json.Marshal(fl)
	b64 := base64.RawURLEncoding
	http.SetCookie(w, &http.Cookie{
		Name: f.name(), Value: b64.EncodeToString(b) + "." + b64.EncodeToString(f.mac(b)),
		Path: "/", MaxAge: int(oauthFlowTTL / time.Second), Secure: !f.insecure,
		HttpOnly: true, SameSite: http.SameSiteLaxMode, // sent on the provider's top-level redirect back
	})
}

func (f flowCookies) clear(w http.ResponseWriter) {
	http.SetCookie(w, &http.Cookie{Name: f.name(), Path: "/", MaxAge: -1, Secure: !f.insecure,
		HttpOnly: true, SameSite: http.SameSiteLaxMode})
}

// read returns the request's verified, unexpired flow for provider whose
// state equals the callback's.
func (f flowCookies) read(r *http.Request, provider string, now time.Time) (oauthFlow, error) {
	ck, err := r.Cookie(f.name())
	if err != nil {
		return oauthFlow{}, ErrOAuthState
	}
	body, sig, _ := strings.Cut(ck.Value, ".")
	b64 := base64.RawURLEncoding
	b, err1 := b64.DecodeString(body)
	mac, err2 := b64.DecodeString(sig)
	if err1 != nil || err2 != nil || !hmac.Equal(mac, f.mac(b)) {
		return oauthFlow{}, ErrOAuthState
	}
	var fl oauthFlow
	if err := json.Unmarshal(b, &fl); err != nil {
		return oauthFlow{}, ErrOAuthState
	}
	state := r.URL.Query().Get("state")
	if fl.Provider != provider || now.Unix() > fl.Expires || state == "" ||
		subtle.ConstantTimeCompare([]byte(state), []byte(fl.State)) != 1 {
		return oauthFlow{}, ErrOAuthState
	}
	return fl, nil
}

// newFlow starts an attempt: fresh state, PKCE verifier and nonce.
func newFlow(provider string, linkUser int64, now time.Time) oauthFlow {
	return oauthFlow{Provider: provider, State: newToken(), Verifier: oauth2.GenerateVerifier(),
		Nonce: newToken(), LinkUser: linkUser, Expires: now.Add(oauthFlowTTL).Unix()}
}

// providerError turns an error answer of the provider's redirect
// (?error=access_denied) into an error.
func providerError(r *http.Request) error {
	q := r.URL.Query()
	if e := q.Get("error"); e != "" {
		return fmt.Errorf("%w: provider answered %q", ErrUnauthorized, e)
	}
	if q.Get("code") == "" {
		return fmt.Errorf("%w: no authorization code", ErrOAuthState)
	}
	return nil
}
