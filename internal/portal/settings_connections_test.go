package portal

import (
	"context"
	"encoding/json"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

var (
	externalIDRe  = regexp.MustCompile(`id="external-id-(\d+)" class="secret">(syncloud-[0-9a-f]+)<`)
	trustPolicyRe = regexp.MustCompile(`(?s)<pre id="trust-policy-\d+">(.*?)</pre>`)
)

func TestSettingsRoleConnection(t *testing.T) {
	sp := newSettingsPortal(t)
	b := sp.browser(t)
	b.signUp("ada@example.com", "Analytical")
	_, org := sp.user(t, "ada@example.com")
	b.do(http.MethodGet, "/settings/connections", nil)
	st, loc, _ := b.post("/settings/connections", url.Values{"kind": {"role"}, "name": {"prod"}})
	if st != http.StatusSeeOther || !strings.HasPrefix(loc, "/settings/connections?saved=created#connection-") {
		t.Fatalf("create: %d %q", st, loc)
	}
	_, _, page := b.do(http.MethodGet, "/settings/connections", nil)
	m, pol := externalIDRe.FindStringSubmatch(page), trustPolicyRe.FindStringSubmatch(page)
	if m == nil || pol == nil {
		t.Fatalf("external ID or trust policy not shown\n%s", page)
	}
	var doc struct {
		Statement []struct {
			Principal map[string]string
			Action    string
			Condition map[string]map[string]string
		}
	}
	if err := json.Unmarshal([]byte(html.UnescapeString(pol[1])), &doc); err != nil {
		t.Fatalf("trust policy is not JSON: %v\n%s", err, pol[1])
	}
	s := doc.Statement[0]
	if s.Principal["AWS"] != "arn:aws:iam::111122223333:root" || s.Action != "sts:AssumeRole" || s.Condition["StringEquals"]["sts:ExternalId"] != m[2] {
		t.Errorf("trust policy %+v does not name the platform's account and this external ID %s", s, m[2])
	}

	verify := "/settings/connections/" + m[1] + "/verify"
	st, _, body := b.post(verify, url.Values{"role_arn": {"arn:aws:iam::123456789012:role/open"}})
	if st != http.StatusUnprocessableEntity || !strings.Contains(body, `id="verify-error-`+m[1]+`"`) || !strings.Contains(body, `value="arn:aws:iam::123456789012:role/open"`) {
		t.Fatalf("refused role: %d\n%s", st, body)
	}
	if st, _, body := b.post(verify, url.Values{"role_arn": {"not an arn"}}); st != http.StatusUnprocessableEntity || !strings.Contains(body, "Enter the role") {
		t.Errorf("malformed ARN: %d", st)
	}
	if st, loc, _ := b.post(verify, url.Values{"role_arn": {"arn:aws:iam::123456789012:role/syncloud"}}); st != http.StatusSeeOther || !strings.Contains(loc, "saved=verified") {
		t.Fatalf("verify: %d %q", st, loc)
	}
	if got := sp.roles.checked[len(sp.roles.checked)-1]; got != "arn:aws:iam::123456789012:role/syncloud "+m[2] {
		t.Errorf("checked %q, want the role with the connection's external ID", got)
	}
	conns, _ := sp.db.AWSConnections(context.Background(), org)
	if len(conns) != 1 || conns[0].VerifiedAt == nil || conns[0].RoleARN != "arn:aws:iam::123456789012:role/syncloud" {
		t.Errorf("connection after verify: %+v", conns)
	}
	if n := len(sp.events(t, org, "aws_connection.")); n != 2 {
		t.Errorf("%d connection events, want create and verify", n)
	}
}

func TestSettingsKeyAndEndpointConnections(t *testing.T) {
	sp := newSettingsPortal(t)
	b := sp.browser(t)
	b.signUp("ada@example.com", "Analytical")
	_, org := sp.user(t, "ada@example.com")
	b.do(http.MethodGet, "/settings/connections", nil)
	const secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
	tests := []struct {
		name   string
		form   url.Values
		status int
		wants  []string
	}{
		{"bad key id", url.Values{"kind": {"keys"}, "name": {"ci"}, "access_key_id": {"akia-lower"}, "secret_access_key": {secret}}, 422,
			[]string{`id="keys-access_key_id-error"`, `value="akia-lower"`, `value="ci"`}},
		{"no name", url.Values{"kind": {"endpoint"}, "endpoint_url": {"http://127.0.0.1:4566"}}, 422,
			[]string{`id="endpoint-name-error"`, `value="http://127.0.0.1:4566"`}},
		{"bad endpoint", url.Values{"kind": {"endpoint"}, "name": {"emu"}, "endpoint_url": {"ftp://x"}}, 422,
			[]string{`id="endpoint-endpoint_url-error"`, `value="ftp://x"`}},
		{"keys", url.Values{"kind": {"keys"}, "name": {"ci"}, "access_key_id": {"AKIAIOSFODNN7EXAMPLE"}, "secret_access_key": {secret}}, 303, nil},
		{"endpoint", url.Values{"kind": {"endpoint"}, "name": {"emu"}, "endpoint_url": {"http://127.0.0.1:4566"}}, 303, nil},
		{"same name", url.Values{"kind": {"endpoint"}, "name": {"emu"}, "endpoint_url": {"http://127.0.0.1:4567"}}, 422, []string{`id="endpoint-name-error"`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			st, _, body := b.post("/settings/connections", tc.form)
			if st != tc.status {
				t.Fatalf("status %d, want %d\n%s", st, tc.status, body)
			}
			wantIn(t, "page", body, tc.wants...)
			if strings.Contains(body, secret) {
				t.Error("the secret access key is echoed")
			}
		})
	}
	_, _, page := b.do(http.MethodGet, "/settings/connections", nil)
	if strings.Contains(page, secret) || strings.Contains(page, "AKIAIOSFODNN7EXAMPLE") || !strings.Contains(page, "<code>MPLE</code>") {
		t.Error("the keys are shown, or not their hint")
	}
	conns, _ := sp.db.AWSConnections(context.Background(), org)
	if len(conns) != 2 || strings.Contains(string(conns[0].Secret)+string(conns[1].Secret), secret) {
		t.Fatalf("stored: %d connections, secret sealed?", len(conns))
	}
	del := "/settings/connections/" + itoa(conns[0].ID) + "/delete"
	viewer := sp.member(t, "vic@example.com", org, "viewer")
	if _, _, vpage := viewer.do(http.MethodGet, "/settings/connections", nil); strings.Contains(vpage, `action="/settings/connections"`) || !strings.Contains(vpage, "emu") {
		t.Error("a viewer sees the forms, or not the list")
	}
	if st, _, _ := viewer.post(del, nil); st != http.StatusForbidden {
		t.Errorf("viewer delete: %d", st)
	}
	if st, _, _ := b.post(del, nil); st != http.StatusSeeOther {
		t.Errorf("delete: %d", st)
	}
	if conns, _ := sp.db.AWSConnections(context.Background(), org); len(conns) != 1 {
		t.Errorf("%d connections after delete", len(conns))
	}
}
