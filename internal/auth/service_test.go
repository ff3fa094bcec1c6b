package auth

import (
	"bytes"
	"errors"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
)

func TestServiceSession(t *testing.T) {
	f := newFixture(t, DefaultLimits)
	u, org := f.register(t, "ann@example.com", goodPassword)
	_, other := f.register(t, "bob@example.com", goodPassword)
	res, _ := f.login("ann@example.com", goodPassword, "192.0.2.1")
	csrf := f.svc.CSRF.Token(res.Session.ID)
	for _, tc := range []struct {
		name   string
		method string
		cookie string
		header map[string]string
		want   error
	}{
		{"no cookie", "GET", "", nil, ErrUnauthorized},
		{"unknown cookie", "GET", "forged", nil, ErrUnauthorized},
		{"GET with cookie", "GET", res.Token, nil, nil},
		{"POST without CSRF token", "POST", res.Token, nil, ErrCSRF},
		{"POST with CSRF token", "POST", res.Token, map[string]string{CSRFHeader: csrf}, nil},
		{"POST cross-site", "POST", res.Token, map[string]string{CSRFHeader: csrf, "Sec-Fetch-Site": "cross-site"}, ErrCSRF},
		{"own org by header", "GET", res.Token, map[string]string{OrgHeader: strconv.FormatInt(org.ID, 10)}, nil},
		{"another org by header", "GET", res.Token, map[string]string{OrgHeader: strconv.FormatInt(other.ID, 10)}, ErrForbidden},
		{"bad org header", "GET", res.Token, map[string]string{OrgHeader: "x"}, ErrInvalidInput},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := httptest.NewRequest(tc.method, "https://portal.test/api/v1/keys", nil)
			if tc.cookie != "" {
				r.AddCookie(&http.Cookie{Name: SessionCookie, Value: tc.cookie})
			}
			for k, v := range tc.header {
				r.Header.Set(k, v)
			}
			p, err := f.svc.Session(r)
			if !errors.Is(err, tc.want) {
				t.Fatalf("Session = %v, want %v", err, tc.want)
			}
			if err == nil && (p.UserID != u.ID || p.OrgID != org.ID || p.SessionID != res.Session.ID) {
				t.Errorf("principal = %+v", p)
			}
		})
	}
}

func TestNewRefusesShortSecret(t *testing.T) {
	if _, err := New(Config{Secret: bytes.Repeat([]byte{1}, 31)}); err == nil {
		t.Error("New accepted a 31-byte secret")
	}
}

// TestSignInSetsCookiesAndTrustsDevice walks the brute-force rule through
// HTTP: the browser that signed in before keeps getting in while a botnet
// has closed the account to new devices.
func TestSignInSetsCookiesAndTrustsDevice(t *testing.T) {
	limits := DefaultLimits
	limits.PerAccount = 5
	f := newFixture(t, limits)
	f.register(t, "ann@example.com", goodPassword)
	post := func(cookies []*http.Cookie) (*httptest.ResponseRecorder, *http.Request) {
		r := httptest.NewRequest(http.MethodPost, "https://portal.test/api/v1/auth/login", nil)
		for _, c := range cookies {
			r.AddCookie(c)
		}
		return httptest.NewRecorder(), r
	}
	w, r := post(nil)
	if _, err := f.svc.SignIn(w, r, "ann@example.com", goodPassword, "198.51.100.7"); err != nil {
		t.Fatal(err)
	}
	laptop := w.Result().Cookies()
	names := map[string]bool{}
	for _, c := range laptop {
		names[c.Name] = true
	}
	if !names[SessionCookie] || !names[DeviceCookie] {
		t.Fatalf("SignIn set cookies %v; want the session and device cookies", names)
	}
	for i := range 5 {
		f.failAs(t, "ann@example.com", "203.0.113."+strconv.Itoa(i), 1)
	}
	w, r = post(nil)
	if _, err := f.svc.SignIn(w, r, "ann@example.com", goodPassword, "192.0.2.50"); err != ErrTooManyAttempts {
		t.Errorf("new device during the attack: %v, want ErrTooManyAttempts", err)
	}
	w, r = post(laptop)
	if _, err := f.svc.SignIn(w, r, "ann@example.com", goodPassword, "192.0.2.51"); err != nil {
		t.Errorf("known device during the attack: %v, want signed in", err)
	}
}
