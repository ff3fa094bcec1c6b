package portal

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestContactStoresAndAdminLists(t *testing.T) {
	tp := newTestPortal(t)
	visitor := tp.browser(t)
	st, _, body := visitor.do(http.MethodPost, "/contact", url.Values{"name": {"Grace"},
		"email": {"not an email"}, "subject": {"Billing"}, "body": {"How much?"}})
	if st != http.StatusUnprocessableEntity || !strings.Contains(body, `id="email-error"`) ||
		!strings.Contains(body, `value="Billing"`) || !strings.Contains(body, "How much?</textarea>") {
		t.Fatalf("rejected message: %d, input or error missing\n%s", st, body)
	}
	st, _, body = visitor.do(http.MethodPost, "/contact", url.Values{"name": {"Grace"},
		"email": {"grace@example.com"}, "subject": {"Billing"}, "body": {"How much?"}})
	if st != http.StatusCreated || !strings.Contains(body, "your message was received") {
		t.Fatalf("message: %d\n%s", st, body)
	}

	admin := tp.browser(t)
	admin.signUp("ops@example.com", "Operators")
	if st, _, _ := admin.do(http.MethodGet, "/admin/support", nil); st != http.StatusNotFound {
		t.Fatalf("admin page for a non-admin: %d, want 404", st)
	}
	u, err := tp.db.UserByEmail(context.Background(), "ops@example.com")
	if err != nil {
		t.Fatal(err)
	}
	if err := tp.db.SetPlatformAdmin(context.Background(), u.ID, true); err != nil {
		t.Fatal(err)
	}
	st, _, body = admin.do(http.MethodGet, "/admin/support", nil)
	if st != http.StatusOK || !strings.Contains(body, "Billing") || !strings.Contains(body, "grace@example.com") {
		t.Fatalf("admin support list: %d\n%s", st, body)
	}
}
