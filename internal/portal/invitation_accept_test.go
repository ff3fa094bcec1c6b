package portal

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/syncloud/syncloud/internal/auth"
)

var heldInvitationLink = regexp.MustCompile(`http://portal\.test(/invitations/accept\?token=[A-Za-z0-9_%-]+)`)

func TestInvitationLinkJoins(t *testing.T) {
	mp := newMailPortal(t)
	ctx := context.Background()
	owner := mp.browser(t)
	owner.signUp("owner@example.com", "Acme Widgets")
	o, _ := mp.db.UserByEmail(ctx, "owner@example.com")
	ms, _ := mp.db.UserMemberships(ctx, o.ID)
	by := auth.Principal{Kind: auth.KindUser, UserID: o.ID, OrgID: ms[0].OrgID, Role: auth.RoleOwner}
	if _, err := mp.auth.Invitations.Invite(ctx, by, "carol@example.com", auth.RoleMember); err != nil {
		t.Fatal(err)
	}
	_, _, body := mp.platformAdmin(t, "ops@example.com").do(http.MethodGet, "/admin/outbox", nil)
	m := heldInvitationLink.FindStringSubmatch(strings.ReplaceAll(body, "&#43;", "+"))
	if m == nil {
		t.Fatalf("no held invitation in the outbox\n%s", body)
	}
	link := m[1]

	carol := mp.browser(t)
	st, loc, _ := carol.do(http.MethodGet, link, nil)
	if st != http.StatusSeeOther || loc != "/login?next="+url.QueryEscape(link) {
		t.Fatalf("signed out: %d %q, want sign-in and back", st, loc)
	}
	dave := mp.browser(t)
	dave.signUp("dave@example.com", "Dave Org")
	dave.do(http.MethodGet, link, nil)
	token, _ := url.ParseQuery(strings.SplitN(link, "?", 2)[1])
	if st, _, body := dave.post("/invitations/accept", url.Values{"token": {token.Get("token")}}); st != http.StatusForbidden || !strings.Contains(body, "another email address") {
		t.Fatalf("another user accepting: %d\n%s", st, body)
	}
	carol.signUp("carol@example.com", "Carol Org")
	st, _, body = carol.do(http.MethodGet, link, nil)
	if st != http.StatusOK || !strings.Contains(body, "Acme Widgets") {
		t.Fatalf("invitation page: %d\n%s", st, body)
	}
	if st, _, body := carol.post("/invitations/accept", url.Values{"token": {token.Get("token")}}); st != http.StatusOK || !strings.Contains(body, "You joined") {
		t.Fatalf("accept: %d\n%s", st, body)
	}
	c, _ := mp.db.UserByEmail(ctx, "carol@example.com")
	if mem, err := mp.db.Membership(ctx, by.OrgID, c.ID); err != nil || mem.Role != "member" {
		t.Errorf("membership = %+v, %v", mem, err)
	}
	if st, _, _ := carol.do(http.MethodGet, link, nil); st != http.StatusGone {
		t.Errorf("used invitation: %d, want 410", st)
	}
}
