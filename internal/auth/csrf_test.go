package auth

import (
	"bytes"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

func newTestCSRF(t *testing.T) *CSRF {
	t.Helper()
	c, err := NewCSRF(bytes.Repeat([]byte{7}, 32))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestCSRFCheck(t *testing.T) {
	c := newTestCSRF(t)
	const sid = "session-a"
	good := c.Token(sid)
	form := url.Values{CSRFField: {good}}.Encode()
	for _, tc := range []struct {
		name    string
		method  string
		header  map[string]string
		body    string
		wantErr bool
	}{
		{"GET needs nothing", "GET", nil, "", false},
		{"HEAD needs nothing", "HEAD", nil, "", false},
		{"POST with header token", "POST", map[string]string{CSRFHeader: good}, "", false},
		{"POST form field", "POST", map[string]string{"Content-Type": "application/x-www-form-urlencoded"}, form, false},
		{"POST without token", "POST", nil, "", true},
		{"POST with empty token", "POST", map[string]string{CSRFHeader: ""}, "", true},
		{"POST with another session's token", "POST", map[string]string{CSRFHeader: c.Token("session-b")}, "", true},
		{"PUT without token", "PUT", nil, "", true},
		{"DELETE without token", "DELETE", nil, "", true},
		{"PATCH with token", "PATCH", map[string]string{CSRFHeader: good}, "", false},
		{"token in JSON body is not read", "POST", map[string]string{"Content-Type": "application/json"}, `{"csrf_token":"` + good + `"}`, true},
		{"cross-site with valid token", "POST", map[string]string{CSRFHeader: good, "Sec-Fetch-Site": "cross-site"}, "", true},
		{"other origin with valid token", "POST", map[string]string{CSRFHeader: good, "Origin": "https://evil.example"}, "", true},
		{"same-origin fetch", "POST", map[string]string{CSRFHeader: good, "Sec-Fetch-Site": "same-origin"}, "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := httptest.NewRequest(tc.method, "https://syncloud.test/api/v1/keys", strings.NewReader(tc.body))
			for k, v := range tc.header {
				r.Header.Set(k, v)
			}
			err := c.Check(r, sid)
			if (err != nil) != tc.wantErr {
				t.Fatalf("Check = %v, wantErr %v", err, tc.wantErr)
			}
			if err != nil && !errors.Is(err, ErrCSRF) {
				t.Errorf("error %v does not match ErrCSRF", err)
			}
		})
	}
}

func TestCSRFTokenDependsOnKey(t *testing.T) {
	a := newTestCSRF(t)
	b, _ := NewCSRF(bytes.Repeat([]byte{8}, 32))
	if a.Token("s") == b.Token("s") || a.Token("s") != a.Token("s") {
		t.Error("token is not a keyed, deterministic function of the session")
	}
	if _, err := NewCSRF([]byte("short")); err == nil {
		t.Error("NewCSRF accepted a short key")
	}
}

func TestCSRFProtectMiddleware(t *testing.T) {
	c := newTestCSRF(t)
	ok := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNoContent) })
	// The session ID comes from a header here; in the server it is the
	// session the cookie authenticated.
	h := c.Protect(func(r *http.Request) string { return r.Header.Get("X-Test-Session") })(ok)
	for _, tc := range []struct {
		name   string
		header map[string]string
		want   int
	}{
		{"API key request, no cookie", map[string]string{"Authorization": "Bearer sc_x"}, http.StatusNoContent},
		{"cookie session without token", map[string]string{"X-Test-Session": "s1"}, http.StatusForbidden},
		{"cookie session with token", map[string]string{"X-Test-Session": "s1", CSRFHeader: c.Token("s1")}, http.StatusNoContent},
		{"login form posted from another site", map[string]string{"Sec-Fetch-Site": "cross-site"}, http.StatusForbidden},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := httptest.NewRequest("POST", "https://syncloud.test/x", nil)
			for k, v := range tc.header {
				r.Header.Set(k, v)
			}
			w := httptest.NewRecorder()
			h.ServeHTTP(w, r)
			if w.Code != tc.want {
				t.Errorf("status = %d, want %d", w.Code, tc.want)
			}
		})
	}
}
