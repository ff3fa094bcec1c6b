package auth

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestSessionCookieAttributes(t *testing.T) {
	w := httptest.NewRecorder()
	Cookies{}.SetSession(w, "tok")
	h := w.Header().Get("Set-Cookie")
	for _, want := range []string{"__Host-syncloud_session=tok", "Path=/", "HttpOnly", "Secure", "SameSite=Lax"} {
		if !strings.Contains(h, want) {
			t.Errorf("Set-Cookie %q lacks %q", h, want)
		}
	}
	if strings.Contains(h, "Domain=") {
		t.Errorf("Set-Cookie %q has a Domain, which __Host- forbids", h)
	}
	r := httptest.NewRequest("GET", "/", nil)
	r.AddCookie(&http.Cookie{Name: SessionCookie, Value: "tok"})
	if got := (Cookies{}).SessionToken(r); got != "tok" {
		t.Errorf("SessionToken = %q", got)
	}
}

func TestSessionCookieDevAndClear(t *testing.T) {
	w := httptest.NewRecorder()
	Cookies{Insecure: true}.SetSession(w, "tok")
	h := w.Header().Get("Set-Cookie")
	if strings.Contains(h, "Secure") || !strings.HasPrefix(h, "syncloud_session=tok") || !strings.Contains(h, "HttpOnly") {
		t.Errorf("dev cookie %q: want plain name, HttpOnly, no Secure", h)
	}
	w = httptest.NewRecorder()
	Cookies{}.ClearSession(w)
	if h := w.Header().Get("Set-Cookie"); !strings.Contains(h, "Max-Age=0") {
		t.Errorf("ClearSession cookie %q does not expire it", h)
	}
}

func TestDeviceCookies(t *testing.T) {
	d, err := NewDeviceCookies(bytes.Repeat([]byte{1}, 32), 90*24*time.Hour, false)
	if err != nil {
		t.Fatal(err)
	}
	other, _ := NewDeviceCookies(bytes.Repeat([]byte{2}, 32), 90*24*time.Hour, false)
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	v := d.Value(42, now)
	for _, tc := range []struct {
		name  string
		value string
		user  int64
		at    time.Time
		want  bool
	}{
		{"valid", v, 42, now.Add(time.Hour), true},
		{"other user", v, 43, now, false},
		{"expired", v, 42, now.Add(91 * 24 * time.Hour), false},
		{"other key", other.Value(42, now), 42, now, false},
		{"tampered", v[:len(v)-2] + "AA", 42, now, false},
		{"garbage", "x.y", 42, now, false},
		{"empty", "", 42, now, false},
	} {
		if got := d.Trusted(tc.value, tc.user, tc.at); got != tc.want {
			t.Errorf("%s: Trusted = %v, want %v", tc.name, got, tc.want)
		}
	}
	w := httptest.NewRecorder()
	d.Set(w, 42, now)
	r := httptest.NewRequest("GET", "/", nil)
	for _, c := range w.Result().Cookies() {
		r.AddCookie(c)
	}
	if !d.Trusted(d.FromRequest(r), 42, now) {
		t.Error("device cookie does not round-trip through a request")
	}
}
