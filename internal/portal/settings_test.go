package portal

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

var sessionEndRe = regexp.MustCompile(`action="/settings/sessions/([^/"]+)/end"`)

// TestSettingsEndsOneSession signs the same user in from two browsers and
// ends the second browser's session from the first; another user cannot
// end it.
func TestSettingsEndsOneSession(t *testing.T) {
	tp := newTestPortal(t)
	first := tp.browser(t)
	first.signUp("ada@example.com", "Analytical")
	second := tp.browser(t)
	if st, _, _ := second.do(http.MethodPost, "/login", url.Values{"email": {"ada@example.com"},
		"password": {"correct horse battery staple"}}); st != http.StatusSeeOther {
		t.Fatalf("second sign-in: %d", st)
	}
	_, _, page := first.do(http.MethodGet, "/settings", nil)
	ids := sessionEndRe.FindAllStringSubmatch(page, -1)
	if len(ids) != 2 || strings.Count(page, "(this browser)") != 1 {
		t.Fatalf("want 2 sessions, one marked current; got %d\n%s", len(ids), page)
	}
	var other string
	// Find the session that is not this browser's: the row holding
	// "(this browser)" precedes its own form.
	for _, m := range ids {
		row := page[:strings.Index(page, m[1])]
		row = row[strings.LastIndex(row, "<tr>"):]
		if !strings.Contains(row, "(this browser)") {
			other = m[1]
		}
	}

	eve := tp.browser(t)
	eve.signUp("eve@example.com", "Other")
	if st, _, _ := eve.post("/settings/sessions/"+other+"/end", nil); st != http.StatusNotFound {
		t.Fatalf("another user ending the session: %d, want 404", st)
	}
	if st, loc, _ := first.post("/settings/sessions/"+other+"/end", nil); st != http.StatusSeeOther || loc != "/settings" {
		t.Fatalf("end session: %d %q", st, loc)
	}
	if st, _, _ := second.do(http.MethodGet, "/keys", nil); st != http.StatusSeeOther {
		t.Fatalf("the ended session still works: %d", st)
	}
	if st, _, _ := first.do(http.MethodGet, "/keys", nil); st != http.StatusOK {
		t.Fatalf("the first browser was signed out too: %d", st)
	}
}
