package web

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestErrorAdapter(t *testing.T) {
	errDomain := errors.New("domain: not found")
	s := New(Deps{MapError: func(err error) *Error {
		if errors.Is(err, errDomain) {
			return &Error{Status: http.StatusNotFound, Msg: "not found"}
		}
		return nil
	}})
	tests := []struct {
		name       string
		err        error
		wantStatus int
		wantDetail string
	}{
		{"typed", errorf(http.StatusBadRequest, "bad %s", "input"), 400, "bad input"},
		{"mapped", errors.Join(errors.New("context"), errDomain), 404, "not found"},
		{"wrapped typed", errors.Join(errRateLimited), 429, "too many requests"},
		{"unknown hides cause", errors.New("pq: password=secret"), 500, "internal error"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			s.errorHandler(func(http.ResponseWriter, *http.Request) error { return tt.err }).
				ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/", nil))
			if rec.Code != tt.wantStatus {
				t.Errorf("status = %d, want %d", rec.Code, tt.wantStatus)
			}
			var p problem
			decode(t, rec, &p)
			if p.Detail != tt.wantDetail || p.Status != tt.wantStatus {
				t.Errorf("problem = %+v, want detail %q", p, tt.wantDetail)
			}
			if ct := rec.Header().Get("Content-Type"); ct != "application/problem+json" {
				t.Errorf("Content-Type = %q", ct)
			}
		})
	}
}

func TestEveryResponseHasSecurityHeaders(t *testing.T) {
	s := New(Deps{})
	for _, path := range []string{"/healthz", "/nope", "/api/v1/generate"} {
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		for _, kv := range securityHeaders {
			if got := rec.Header().Get(kv[0]); got != kv[1] {
				t.Errorf("%s: %s = %q, want %q", path, kv[0], got, kv[1])
			}
		}
		if rec.Header().Get("X-Request-Id") == "" {
			t.Errorf("%s: no X-Request-Id", path)
		}
	}
}

func TestRecoverAnswers500(t *testing.T) {
	s := New(Deps{})
	h := withRequestID(s.withRecover(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("boom") })))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/", nil))
	if rec.Code != http.StatusInternalServerError {
		t.Errorf("status = %d, want 500", rec.Code)
	}
}

func TestRealClientIP(t *testing.T) {
	_, proxies, _ := net.ParseCIDR("10.0.0.0/8")
	trusted := []*net.IPNet{proxies}
	tests := []struct {
		name, remote, xff, want string
	}{
		{"direct", "203.0.113.5:1234", "", "203.0.113.5"},
		{"untrusted peer's header ignored", "203.0.113.5:1234", "1.2.3.4", "203.0.113.5"},
		{"trusted proxy", "10.0.0.2:1234", "198.51.100.7", "198.51.100.7"},
		{"spoofed left-most ignored", "10.0.0.2:1234", "6.6.6.6, 198.51.100.7", "198.51.100.7"},
		{"chain of proxies", "10.0.0.2:1234", "198.51.100.7, 10.0.0.9", "198.51.100.7"},
		{"garbage stops the walk", "10.0.0.2:1234", "nonsense", "10.0.0.2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest(http.MethodGet, "/", nil)
			r.RemoteAddr = tt.remote
			if tt.xff != "" {
				r.Header.Set("X-Forwarded-For", tt.xff)
			}
			if got := realClientIP(r, trusted); got != tt.want {
				t.Errorf("realClientIP = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestMemoryLimiter(t *testing.T) {
	now := time.Unix(1000, 0)
	l := NewMemoryLimiter(2, 3, func() time.Time { return now })
	ctx := context.Background()
	var got []bool
	for range 4 {
		ok, _, _ := l.Allow(ctx, "a")
		got = append(got, ok)
	}
	okB, _, _ := l.Allow(ctx, "b")
	got = append(got, okB)
	now = now.Add(500 * time.Millisecond) // one token back at 2/s
	ok1, _, _ := l.Allow(ctx, "a")
	ok2, wait, _ := l.Allow(ctx, "a")
	got = append(got, ok1, ok2)
	if diff := cmp.Diff([]bool{true, true, true, false, true, true, false}, got); diff != "" {
		t.Errorf("allowed (-want +got):\n%s", diff)
	}
	if wait != 500*time.Millisecond {
		t.Errorf("retry after = %v, want 500ms", wait)
	}
}

func TestBearer(t *testing.T) {
	tests := []struct {
		header, want string
		ok           bool
	}{
		{"Bearer sc_abc", "sc_abc", true},
		{"bearer  sc_abc ", "sc_abc", true},
		{"Basic dXNlcjpwYXNz", "", false},
		{"Bearer ", "", false},
		{"sc_abc", "", false},
	}
	for _, tt := range tests {
		got, ok := bearer(tt.header)
		if got != tt.want || ok != tt.ok {
			t.Errorf("bearer(%q) = %q, %v; want %q, %v", tt.header, got, ok, tt.want, tt.ok)
		}
	}
}
