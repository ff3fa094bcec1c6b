package web

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/syncloud/syncloud/internal/auth"
	"github.com/syncloud/syncloud/internal/lml"
	"github.com/syncloud/syncloud/internal/spec"
)

// bucketEngine is an lml.Engine for handler tests: it places one S3 bucket
// for any prompt mentioning "bucket" and nothing otherwise, so that these
// tests exercise the real pipeline and renderer without depending on the
// rules engine's vocabulary.
type bucketEngine struct{}

func (bucketEngine) Name() string { return "test" }

func (bucketEngine) Draft(_ context.Context, req lml.Request) (*lml.Draft, error) {
	if !strings.Contains(req.Prompt, "bucket") {
		return nil, &lml.NothingError{Unplaced: []string{req.Prompt}}
	}
	region := req.Region
	if region == "" {
		region = lml.DefaultRegion
	}
	s := &spec.Stack{Region: region}
	r := s.Add(spec.Resource{Type: "aws_s3_bucket", Name: "logs"})
	r.Body.Set("bucket", spec.String("syncloud-test-logs"))
	return &lml.Draft{Stack: s, Understood: []string{"S3 bucket"}}, nil
}

// tokenAuth authenticates fixed bearer tokens: a stand-in for internal/auth
// where only the web layer's own behaviour is under test.
type tokenAuth map[string]auth.Principal

func (a tokenAuth) APIKey(_ context.Context, raw string) (auth.Principal, error) {
	p, ok := a[raw]
	if !ok {
		return auth.Principal{}, auth.ErrUnauthorized
	}
	return p, nil
}

func (a tokenAuth) Session(*http.Request) (auth.Principal, error) {
	return auth.Principal{}, auth.ErrUnauthorized
}

// memAuditor keeps events in memory.
type memAuditor struct {
	mu     sync.Mutex
	events []auth.Event
}

func (m *memAuditor) Append(_ context.Context, e auth.Event) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.events = append(m.events, e)
	return nil
}

// memMeter keeps usage records in memory.
type memMeter struct {
	mu   sync.Mutex
	recs []RequestRecord
}

func (m *memMeter) Record(_ context.Context, r RequestRecord) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.recs = append(m.recs, r)
}

func key(role auth.Role, scopes ...auth.Scope) auth.Principal {
	return auth.Principal{Kind: auth.KindAPIKey, UserID: 1, KeyID: 7, OrgID: 3, Role: role, Scopes: scopes}
}

func newGenerateServer(t *testing.T, limiter Limiter) (*Server, *memAuditor, *memMeter) {
	t.Helper()
	audit, meter := &memAuditor{}, &memMeter{}
	s := New(Deps{
		Auth: tokenAuth{
			"member":   key(auth.RoleMember, auth.ScopeGenerate),
			"viewer":   key(auth.RoleViewer, auth.ScopeGenerate),
			"no-scope": key(auth.RoleAdmin, auth.ScopeRunsRead),
		},
		MapError:  func(err error) *Error { return mapAuthError(err) },
		Audit:     audit,
		Meter:     meter,
		Generator: LMLGenerator{Pipeline: &lml.Generator{Engine: bucketEngine{}}},
		Limiter:   limiter,
	})
	return s, audit, meter
}

func post(s http.Handler, token, body string, hdr ...string) *httptest.ResponseRecorder {
	r := httptest.NewRequest(http.MethodPost, "/api/v1/generate", strings.NewReader(body))
	r.Header.Set("Content-Type", "application/json")
	if token != "" {
		r.Header.Set("Authorization", "Bearer "+token)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		r.Header.Set(hdr[i], hdr[i+1])
	}
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, r)
	return rec
}

func TestGenerateStatuses(t *testing.T) {
	long := strings.Repeat("bucket ", MaxPromptBytes/7+1)
	tests := []struct {
		name, token, body string
		want              int
	}{
		{"ok", "member", `{"prompt":"a log bucket","format":"hcl"}`, 200},
		{"json format", "member", `{"prompt":"a log bucket","format":"json","region":"eu-west-1"}`, 200},
		{"nothing buildable", "member", `{"prompt":"hello there"}`, 422},
		{"malformed JSON", "member", `{"prompt":`, 400},
		{"unknown field", "member", `{"prompt":"a bucket","colour":"red"}`, 400},
		{"prompt over 16 KiB", "member", `{"prompt":"` + long + `"}`, 400},
		{"empty prompt", "member", `{"prompt":""}`, 400},
		{"bad format", "member", `{"prompt":"a bucket","format":"yaml"}`, 400},
		{"bad region", "member", `{"prompt":"a bucket","region":"mars-1"}`, 400},
		{"no credentials", "", `{"prompt":"a bucket"}`, 401},
		{"unknown key", "sc_nope", `{"prompt":"a bucket"}`, 401},
		{"viewer", "viewer", `{"prompt":"a bucket"}`, 403},
		{"key without generate scope", "no-scope", `{"prompt":"a bucket"}`, 403},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _, _ := newGenerateServer(t, nil)
			rec := post(s, tt.token, tt.body)
			if rec.Code != tt.want {
				t.Errorf("status = %d, want %d; body %s", rec.Code, tt.want, rec.Body)
			}
		})
	}
}

func TestGenerateAuditsAndMeters(t *testing.T) {
	s, audit, meter := newGenerateServer(t, nil)
	rec := post(s, "member", `{"prompt":"a log bucket"}`,
		"User-Agent", "syncloud-agent/1.2 (linux; amd64)", "X-SyncCloud-Agent-Id", "agent-42", "Referer", "https://example.com/x")
	if rec.Code != 200 {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	var got generateResponse
	decode(t, rec, &got)
	if got.RequestID == "" || got.RequestID != rec.Header().Get("X-Request-Id") || !strings.Contains(got.Files["main.tf"], `resource "aws_s3_bucket" "logs"`) {
		t.Fatalf("answer = %+v", got)
	}
	if len(audit.events) != 1 {
		t.Fatalf("audit events = %d, want 1", len(audit.events))
	}
	ev := audit.events[0]
	if ev.Action != "generate" || ev.OrgID != 3 || ev.ActorType != "api_key" || ev.ActorID != 7 ||
		ev.Target != "request:"+got.RequestID || ev.Details["sha256"] != filesHash(got.Files) {
		t.Errorf("audit event = %+v", ev)
	}
	if len(meter.recs) != 1 {
		t.Fatalf("usage records = %d, want 1", len(meter.recs))
	}
	r := meter.recs[0]
	if r.OrgID != 3 || r.KeyID != 7 || r.Status != 200 || !r.Success || r.Prompt != "a log bucket" ||
		r.AgentID != "agent-42" || r.UserAgent.Browser != "syncloud-agent" || r.UserAgent.OS != "Linux" ||
		r.Referrer != "https://example.com/x" || r.IP != "192.0.2.1" || r.Route != "POST /api/v1/generate" {
		t.Errorf("usage record = %+v", r)
	}
}

func TestGenerateFailuresAreMeteredNotAudited(t *testing.T) {
	s, audit, meter := newGenerateServer(t, nil)
	post(s, "member", `{"prompt":"hello"}`)
	if len(audit.events) != 0 {
		t.Errorf("a 422 wrote %d audit events", len(audit.events))
	}
	if len(meter.recs) != 1 || meter.recs[0].Success || meter.recs[0].Status != 422 {
		t.Errorf("usage records = %+v", meter.recs)
	}
}

func TestGenerateRateLimited(t *testing.T) {
	now := time.Unix(0, 0)
	s, _, _ := newGenerateServer(t, NewMemoryLimiter(1, 2, func() time.Time { return now }))
	var codes []int
	for range 3 {
		codes = append(codes, post(s, "member", `{"prompt":"a bucket"}`).Code)
	}
	rec := post(s, "member", `{"prompt":"a bucket"}`)
	if codes[0] != 200 || codes[1] != 200 || codes[2] != 429 || rec.Header().Get("Retry-After") != "1" {
		t.Errorf("codes = %v, Retry-After %q", codes, rec.Header().Get("Retry-After"))
	}
}

func BenchmarkGenerate(b *testing.B) {
	s, _, _ := newGenerateServer(&testing.T{}, nil)
	for b.Loop() {
		if rec := post(s, "member", `{"prompt":"a log bucket"}`); rec.Code != 200 {
			b.Fatal(rec.Code)
		}
	}
}

func TestFailedAuthenticationIsRateLimitedPerIP(t *testing.T) {
	now := time.Unix(0, 0)
	s, _, _ := newGenerateServer(t, NewMemoryLimiter(1, 2, func() time.Time { return now }))
	var codes []int
	for range 3 {
		codes = append(codes, post(s, "sc_guess", `{"prompt":"a bucket"}`).Code)
	}
	good := post(s, "member", `{"prompt":"a bucket"}`).Code
	if fmt.Sprint(codes) != "[401 401 429]" || good != 200 {
		t.Errorf("guesses answered %v, then a valid key %d", codes, good)
	}
}
