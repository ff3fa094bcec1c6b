package portal

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// formCase posts one invalid value to a form page: the error must sit
// next to the field that caused it and the other fields keep their input.
type formCase struct {
	name    string
	visitor bool   // post without a session (sign-up, sign-in, contact, reset)
	page    string // the GET page holding the form, read first for its CSRF token
	action  string
	form    url.Values
	status  int
	field   string   // the id of the rejected control
	errorID string   // the id of its error message
	keep    []string // markup showing the other fields' input kept
}

// formCases covers every form page of the portal.
func formCases(sd *pagesSeed) []formCase {
	return []formCase{
		{name: "signup", visitor: true, page: "/signup", action: "/signup", status: http.StatusUnprocessableEntity,
			form:  url.Values{"name": {"Grace Hopper"}, "org": {"Navy Labs"}, "email": {"not-an-email"}, "password": {seedPassword}},
			field: "email", errorID: "email-error", keep: []string{`value="Grace Hopper"`, `value="Navy Labs"`, `value="not-an-email"`}},
		{name: "login", visitor: true, page: "/login", action: "/login", status: http.StatusUnauthorized,
			form:  url.Values{"email": {"ada@example.com"}, "password": {"not the password"}, "next": {"/keys"}},
			field: "password", errorID: "password-error", keep: []string{`value="ada@example.com"`, `name="next" value="/keys"`}},
		{name: "contact", visitor: true, page: "/contact", action: "/contact", status: http.StatusUnprocessableEntity,
			form:  url.Values{"name": {"Grace Hopper"}, "email": {"grace@"}, "subject": {"Invoices"}, "body": {"A second region?"}},
			field: "email", errorID: "email-error", keep: []string{`value="Grace Hopper"`, `value="Invoices"`, `>A second region?</textarea>`}},
		{name: "reset request", visitor: true, page: "/login/reset", action: "/login/reset", status: http.StatusUnprocessableEntity,
			form: url.Values{"email": {"ada@"}}, field: "email", errorID: "email-error", keep: []string{`value="ada@"`}},
		{name: "reset confirm", visitor: true, page: "/login/reset/" + sd.resetToken, action: "/login/reset/" + sd.resetToken,
			status: http.StatusUnprocessableEntity, form: url.Values{"password": {"a brand new passphrase"}, "confirm": {"another one"}},
			field: "confirm", errorID: "confirm-error"},
		{name: "playground", page: "/playground", action: "/playground", status: http.StatusUnprocessableEntity,
			form:  url.Values{"prompt": {"an S3 bucket for invoices"}, "format": {"cfn"}, "region": {"mars-1"}},
			field: "region", errorID: "region-error", keep: []string{`>an S3 bucket for invoices</textarea>`, `value="cfn" checked`}},
		{name: "workspace ask", page: "/workspaces/" + sd.workspace, action: "/workspaces/" + sd.workspace + "/ask",
			status: http.StatusUnprocessableEntity, form: url.Values{"prompt": {"   "}}, field: "prompt", errorID: "prompt-error"},
		{name: "keys", page: "/keys", action: "/keys", status: http.StatusUnprocessableEntity,
			form:  url.Values{"name": {"deploy bot"}, "scope": {"generate", "runs:read"}, "days": {"-3"}},
			field: "key-days", errorID: "days-error", keep: []string{`value="deploy bot"`, `value="runs:read" checked`}},
		{name: "workspace create", page: "/workspaces", action: "/workspaces", status: http.StatusUnprocessableEntity,
			form:  url.Values{"name": {""}, "region": {"eu-west-1"}, "mode": {"agent"}},
			field: "ws-name", errorID: "name-error", keep: []string{`value="eu-west-1"`, `value="agent" checked`}},
		{name: "settings profile", page: "/settings", action: "/settings/profile", status: http.StatusUnprocessableEntity,
			form:  url.Values{"name": {""}, "email": {"ada.lovelace@example.com"}},
			field: "profile-name", errorID: "name-error", keep: []string{`value="ada.lovelace@example.com"`}},
		{name: "settings password", page: "/settings", action: "/settings/password", status: http.StatusUnprocessableEntity,
			form:  url.Values{"current_password": {"not the password"}, "new_password": {"a brand new passphrase"}},
			field: "current-password", errorID: "current-error"},
		{name: "settings organization", page: "/settings/organization", action: "/settings/organization",
			status: http.StatusUnprocessableEntity, form: url.Values{"name": {"Analytical Engines Ltd"}, "retention_days": {"99999"}},
			field: "retention-days", errorID: "retention_days-error", keep: []string{`value="Analytical Engines Ltd"`, `value="99999"`}},
		{name: "settings invitation", page: "/settings/members", action: "/settings/invitations", status: http.StatusUnprocessableEntity,
			form:  url.Values{"email": {"charles@"}, "role": {"admin"}},
			field: "invite-email", errorID: "email-error", keep: []string{`value="charles@"`, `value="admin" selected`}},
		{name: "settings connection", page: "/settings/connections", action: "/settings/connections",
			status: http.StatusUnprocessableEntity, form: url.Values{"kind": {"endpoint"}, "name": {"localstack"}, "endpoint_url": {"not a url"}},
			field: "endpoint-url", errorID: "endpoint-endpoint_url-error", keep: []string{`value="localstack"`, `value="not a url"`}},
	}
}

// TestFormRejectionsKeepInput posts an invalid value to every form page:
// the page comes back with the error next to the field (the field is
// aria-invalid and described by the error, and no other control stands
// between them), the other fields keep what was typed, and no password
// is echoed.
func TestFormRejectionsKeepInput(t *testing.T) {
	site := newPagesSite(t)
	sd := site.seed(t)
	for _, tc := range formCases(sd) {
		t.Run(tc.name, func(t *testing.T) {
			b := sd.owner
			if tc.visitor {
				b = newHTTPBrowser(t, site.base)
			}
			b.do(http.MethodGet, tc.page, nil)
			st, _, body := b.post(tc.action, tc.form)
			if st != tc.status {
				t.Fatalf("POST %s = %d, want %d\n%s", tc.action, st, tc.status, body)
			}
			if problem := errorNextToField(body, tc.field, tc.errorID); problem != "" {
				t.Error(problem)
			}
			for _, k := range tc.keep {
				if !strings.Contains(body, k) {
					t.Errorf("the rejected form lost %s", k)
				}
			}
			for _, name := range []string{"password", "new_password", "current_password", "confirm"} {
				if pw := tc.form.Get(name); pw != "" && strings.Contains(body, pw) {
					t.Errorf("the %s was echoed back", name)
				}
			}
		})
	}
}

var controlTag = regexp.MustCompile(`<(input|select|textarea)\b[^>]*>`)

// errorNextToField checks the markup of a rejected form: the control
// with id field is aria-invalid and described by errorID, and the
// element errorID follows it before any other visible control.
func errorNextToField(body, field, errorID string) string {
	var tag string
	var end int
	for _, loc := range controlTag.FindAllStringIndex(body, -1) {
		if t := body[loc[0]:loc[1]]; strings.Contains(t, ` id="`+field+`"`) {
			tag, end = t, loc[1]
			break
		}
	}
	if tag == "" {
		return "no control with id " + field
	}
	described := regexp.MustCompile(`aria-describedby="([^"]*)"`).FindStringSubmatch(tag)
	if !strings.Contains(tag, `aria-invalid="true"`) || described == nil || !strings.Contains(" "+described[1]+" ", " "+errorID+" ") {
		return "the control " + field + " is not marked invalid and described by " + errorID + ": " + tag
	}
	at := strings.Index(body[end:], `id="`+errorID+`"`)
	if at < 0 {
		return "no error " + errorID + " after the control " + field
	}
	for _, c := range controlTag.FindAllString(body[end:end+at], -1) {
		if !strings.Contains(c, `type="hidden"`) {
			return "the error " + errorID + " is not next to " + field + ": " + c + " stands between"
		}
	}
	return ""
}
