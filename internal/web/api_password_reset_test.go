package web

import (
	"net/http"
	"regexp"
	"testing"
)

var resetLinkRE = regexp.MustCompile(`http://portal\.test/login/reset/(\S+)`)

func TestPasswordResetAPI(t *testing.T) {
	p := newPlatform(t)
	owner := p.register("a@example.com")
	anon := &client{p: p}
	var known, unknown passwordResetAccepted
	anon.mustDo(http.MethodPost, "/api/v1/auth/password-reset", map[string]string{"email": "a@example.com"}, http.StatusAccepted, &known)
	anon.mustDo(http.MethodPost, "/api/v1/auth/password-reset", map[string]string{"email": "nobody@example.com"}, http.StatusAccepted, &unknown)
	if known != unknown {
		t.Errorf("answers differ: known %+v, unknown %+v", known, unknown)
	}
	if len(p.mail.sent) != 1 || p.mail.sent[0].To != "a@example.com" {
		t.Fatalf("mail = %+v, want one to a@example.com", p.mail.sent)
	}
	m := resetLinkRE.FindStringSubmatch(p.mail.sent[0].Body)
	if m == nil {
		t.Fatalf("no link in %q", p.mail.sent[0].Body)
	}
	anon.mustDo(http.MethodPost, "/api/v1/auth/password-reset", map[string]string{"email": "nope"}, http.StatusBadRequest, nil)
	anon.mustDo(http.MethodPost, "/api/v1/auth/password-reset/confirm",
		map[string]string{"token": m[1], "password": "short"}, http.StatusBadRequest, nil)
	anon.mustDo(http.MethodPost, "/api/v1/auth/password-reset/confirm",
		map[string]string{"token": "made-up", "password": "a new long enough password"}, http.StatusBadRequest, nil)
	anon.mustDo(http.MethodPost, "/api/v1/auth/password-reset/confirm",
		map[string]string{"token": m[1], "password": "a new long enough password"}, http.StatusNoContent, nil)
	if status, _ := owner.do(http.MethodGet, "/api/v1/account", nil); status != http.StatusUnauthorized {
		t.Errorf("old session after reset: status %d, want 401", status)
	}
	anon.mustDo(http.MethodPost, "/api/v1/auth/login",
		map[string]string{"email": "a@example.com", "password": "a new long enough password"}, http.StatusOK, nil)
	anon.mustDo(http.MethodPost, "/api/v1/auth/password-reset/confirm",
		map[string]string{"token": m[1], "password": "another long enough password"}, http.StatusBadRequest, nil)
}
