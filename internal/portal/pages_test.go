package portal

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

func TestSignupRejectionKeepsInput(t *testing.T) {
	b := newTestPortal(t).browser(t)
	tests := []struct {
		name, email, password, field string
	}{
		{"bad email", "not-an-email", "correct horse battery staple", "email-error"},
		{"short password", "a@example.com", "short", "password-error"},
		{"common password", "a@example.com", "password1234", "password-error"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			st, _, body := b.do(http.MethodPost, "/signup", url.Values{"name": {"Grace Hopper"},
				"org": {"Navy"}, "email": {tc.email}, "password": {tc.password}})
			if st != http.StatusUnprocessableEntity {
				t.Fatalf("status %d, want 422", st)
			}
			for _, want := range []string{`id="` + tc.field + `"`, `value="Grace Hopper"`, `value="Navy"`} {
				if !strings.Contains(body, want) {
					t.Errorf("page lacks %s", want)
				}
			}
			if strings.Contains(body, tc.password) {
				t.Error("the password was echoed back")
			}
		})
	}
}

func TestLoginAndLogout(t *testing.T) {
	tp := newTestPortal(t)
	tp.browser(t).signUp("ada@example.com", "Analytical")
	b := tp.browser(t)
	st, _, body := b.do(http.MethodPost, "/login", url.Values{"email": {"ada@example.com"}, "password": {"wrong password here"}})
	if st != http.StatusUnauthorized || !strings.Contains(body, `value="ada@example.com"`) || !strings.Contains(body, "invalid email or password") {
		t.Fatalf("wrong password: %d\n%s", st, body)
	}
	st, loc, _ := b.do(http.MethodPost, "/login", url.Values{"email": {"ada@example.com"},
		"password": {"correct horse battery staple"}, "next": {"/keys"}})
	if st != http.StatusSeeOther || loc != "/keys" {
		t.Fatalf("login = %d %q, want 303 /keys", st, loc)
	}
	if st, _, _ := b.do(http.MethodGet, "/keys", nil); st != http.StatusOK {
		t.Fatalf("keys after login: %d", st)
	}
	if st, loc, _ := b.post("/logout", nil); st != http.StatusSeeOther || loc != "/" {
		t.Fatalf("logout = %d %q", st, loc)
	}
	if st, _, _ := b.do(http.MethodGet, "/keys", nil); st != http.StatusSeeOther {
		t.Fatalf("keys after logout: %d, want a redirect", st)
	}
}

func TestFormsNeedCSRFToken(t *testing.T) {
	tp := newTestPortal(t)
	b := tp.browser(t)
	b.signUp("ada@example.com", "Analytical")
	b.csrf = "forged"
	st, _, body := b.post("/playground", url.Values{"prompt": {"an S3 bucket"}, "format": {"hcl"}})
	if st != http.StatusForbidden {
		t.Fatalf("forged token: %d, want 403", st)
	}
	// The error page still shows who is signed in.
	if !strings.Contains(body, "Sign out") || strings.Contains(body, `href="/login"`) {
		t.Errorf("the 403 page shows the signed-out header:\n%s", body)
	}
}

func TestPlaygroundGenerates(t *testing.T) {
	b := newTestPortal(t).browser(t)
	b.signUp("ada@example.com", "Analytical")
	tests := []struct {
		format string
		status int
		want   []string
	}{
		{"hcl", http.StatusOK, []string{`<span class="kr">resource</span> <span class="s2">&#34;aws_dynamodb_table&#34;</span>`, "aws_s3_bucket", "aws_vpc", "CKV_AWS_", `data-download="file-0"`}},
		{"cfn", http.StatusOK, []string{"AWS::DynamoDB::Table", "AWS::S3::Bucket"}},
		{"yaml", http.StatusUnprocessableEntity, []string{"Choose an output format."}},
	}
	for _, tc := range tests {
		t.Run(tc.format, func(t *testing.T) {
			st, _, body := b.post("/playground", url.Values{"prompt": {"a VPC with a DynamoDB table and an S3 bucket"}, "format": {tc.format}})
			if st != tc.status {
				t.Fatalf("status %d, want %d\n%s", st, tc.status, body)
			}
			for _, w := range tc.want {
				if !strings.Contains(body, w) {
					t.Errorf("page lacks %q", w)
				}
			}
			if !strings.Contains(body, "a VPC with a DynamoDB table and an S3 bucket</textarea>") {
				t.Error("prompt not kept in the form")
			}
		})
	}
}

var keyRe = regexp.MustCompile(`id="new-key-value" class="secret">([^<]+)<`)
var revokeRe = regexp.MustCompile(`action="/keys/(\d+)/revoke"`)

func TestKeysCreateShowOnceRevoke(t *testing.T) {
	tp := newTestPortal(t)
	b := tp.browser(t)
	b.signUp("ada@example.com", "Analytical")
	b.do(http.MethodGet, "/keys", nil)
	st, _, body := b.post("/keys", url.Values{"name": {"ci"}, "scope": {"generate", "runs:read"}, "days": {"30"}})
	m := keyRe.FindStringSubmatch(body)
	if st != http.StatusCreated || m == nil {
		t.Fatalf("create: %d, key shown: %v\n%s", st, m != nil, body)
	}
	_, _, list := b.do(http.MethodGet, "/keys", nil)
	if strings.Contains(list, m[1]) || !strings.Contains(list, "generate, runs:read") {
		t.Fatal("list shows the full key again or lacks the scopes")
	}
	id := revokeRe.FindStringSubmatch(list)[1]

	other := tp.browser(t)
	other.signUp("eve@example.com", "Other org")
	if st, _, _ := other.post("/keys/"+id+"/revoke", nil); st != http.StatusNotFound {
		t.Fatalf("another org's revoke: %d, want 404", st)
	}
	if st, loc, _ := b.post("/keys/"+id+"/revoke", nil); st != http.StatusSeeOther || loc != "/keys" {
		t.Fatalf("revoke: %d %q", st, loc)
	}
	if _, _, list := b.do(http.MethodGet, "/keys", nil); !strings.Contains(list, "revoked") {
		t.Fatal("revoked key not marked")
	}
}

func TestKeysCreateRejectionKeepsInput(t *testing.T) {
	b := newTestPortal(t).browser(t)
	b.signUp("ada@example.com", "Analytical")
	b.do(http.MethodGet, "/keys", nil)
	st, _, body := b.post("/keys", url.Values{"name": {"deploy bot"}, "days": {"-3"}})
	if st != http.StatusUnprocessableEntity {
		t.Fatalf("status %d", st)
	}
	for _, want := range []string{`id="scope-error"`, `id="days-error"`, `value="deploy bot"`, `value="-3"`} {
		if !strings.Contains(body, want) {
			t.Errorf("page lacks %s", want)
		}
	}
}

func TestSafeNext(t *testing.T) {
	for in, want := range map[string]string{
		"/keys": "/keys", "": "/playground", "//evil.example": "/playground",
		"https://evil.example/": "/playground", "/\\evil.example": "/playground",
	} {
		if got := safeNext(in); got != want {
			t.Errorf("safeNext(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestLoginRedirectKeepsQuery: a visitor sent to sign in comes back to the
// page with its filters, not just its path.
func TestLoginRedirectKeepsQuery(t *testing.T) {
	b := newTestPortal(t).browser(t)
	path := "/activity?action=run.plan&from=2026-11-01"
	st, loc, _ := b.do(http.MethodGet, path, nil)
	if want := "/login?next=" + url.QueryEscape(path); st != http.StatusSeeOther || loc != want {
		t.Errorf("GET %s = %d %q, want 303 %q", path, st, loc, want)
	}
}
