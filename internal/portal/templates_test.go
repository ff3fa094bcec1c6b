package portal

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/syncloud/syncloud/internal/audit"
	"github.com/syncloud/syncloud/internal/auth"
	"github.com/syncloud/syncloud/internal/lml"
	"github.com/syncloud/syncloud/internal/policy"
	"github.com/syncloud/syncloud/internal/store"
	"github.com/syncloud/syncloud/internal/usage"
)

// TestTemplatesRender renders every page template with its view struct,
// filled so that every branch that reads a field runs, and checks that no
// template is left without a case.
func TestTemplatesRender(t *testing.T) {
	pg, err := parsePages()
	if err != nil {
		t.Fatal(err)
	}
	signed := Page{Title: "T", SignedIn: true, CSRF: "tok", Path: "/keys"}
	now := time.Now()
	views := map[string]any{
		"home":    homeView{Page: signed},
		"error":   errorView{Page: Page{Title: "Error"}, Status: 404, Message: "gone"},
		"privacy": privacyView{Page: signed, RetentionDays: 30, SessionCookie: "s", DeviceCookie: "d"},
		"login":   loginView{Page: Page{Title: "Sign in"}, Email: "a@b.c", Next: "/keys", Error: "no", Providers: []provider{{"github", "GitHub"}}},
		"signup":  signupView{Page: Page{}, Name: "n", Errors: map[string]string{"email": "bad", "password": "short"}},
		"playground": playgroundView{Page: signed, Prompt: "p", Generated: true, Error: "e",
			Target: &playgroundTarget{CanPlan: true, Workspaces: []workspaceChoice{{ID: 1, Name: "shop", Selected: true}}, Name: "n", Mode: "agent",
				Connections: []connectionChoice{{ID: 1, Label: "kumo"}}, Errors: map[string]string{"workspace": "w", "name": "n", "connection": "c", "mode": "m"}},
			Files: []generatedFile{{ID: "file-0", Name: "main.tf", Content: "x"}}, Resources: []string{"r"},
			Understood: []string{"u"}, Assumptions: []lml.Assumption{{Path: "a", Message: "m"}}, Unplaced: []string{"z"},
			Findings: []policy.Finding{{RuleID: "CKV_AWS_1", Severity: policy.Low, Resource: "aws_s3_bucket.b", Message: "m"}}},
		"activity": activityView{Page: signed, Filter: activityFilter{Actor: "user:1"}, Error: "e", ExportCSV: "/a?b=c&d=e",
			Verified: true, Verify: &audit.Report{Events: 3, LatestHeartbeat: now, Problem: &audit.Problem{Seq: 2, Reason: "bad"}},
			Workspaces: []store.Workspace{{ID: 1, Name: "shop"}},
			Events: []activityEvent{{Record: audit.Record{Seq: 1, Time: now, Action: "generate", Actor: audit.Actor{Type: "user", ID: "1"}},
				Terraform: []tfFile{{Name: "main.tf", Code: "x"}}, Fields: []detailField{{Key: "a", Value: "1"}}}}},
		"contact":       contactView{Page: signed, Name: "n", Errors: map[string]string{"body": "b", "email": "e", "name": "n", "subject": "s"}},
		"reset":         resetView{Page: Page{}, Email: "a@b.c", Errors: map[string]string{"email": "bad"}, Sent: true},
		"reset_confirm": resetConfirmView{Page: Page{}, Token: "t", Errors: map[string]string{"password": "p", "confirm": "c"}},
		"unsubscribe":   unsubscribeView{Page: Page{}, Token: "t", Email: "a@b.c"},
		"admin_outbox": adminOutboxView{Page: signed, Held: 1, Mail: []outboxRow{
			{OutboxMail: store.OutboxMail{Status: "held", To: "a@b.c", Subject: "s", Body: "b", UserID: 1, OrgID: 1, LastError: "e", CreatedAt: now, SentAt: &now}, ShowBody: true},
			{OutboxMail: store.OutboxMail{Status: "sent", CreatedAt: now}}}},
		"invitation_accept": invitationView{Page: signed, Token: "t",
			Org: "Acme", Role: "member", Error: "e"},
		"admin_support": adminSupportView{Page: signed, Messages: []store.SupportMessage{{UserID: 1, Subject: "s", Body: "b", CreatedAt: now}}},
		"usage": usageView{Page: signed, Periods: usagePeriods, Days: 7, Group: "user", From: now, To: now,
			Groups: []usage.Group{{Key: "1", Label: "a@b.c"}}, Chart: dailyChart([]usage.Group{{Key: now.Format(time.DateOnly)}}, now, 7)},
		"settings": settingsView{Page: signed, Name: "n", Email: "e", HasPassword: true, MarketingOptIn: true, Saved: "ok",
			Sessions:  []sessionRow{{Session: auth.Session{ID: "x", IP: "1.2.3.4", CreatedAt: now, LastSeenAt: now}, Current: true}},
			Providers: []linkedProvider{{Name: "github", Label: "GitHub", Linked: true, Email: "a@b.c"}, {Name: "google", Label: "Google"}},
			Errors:    map[string]string{"name": "n", "email": "e", "email_password": "p", "current": "c", "new": "n", "oauth": "o"}},
		"settings_organization": settingsOrgView{Page: signed, Name: "n", Plan: "free", RetentionDays: "30", CanEdit: true, Saved: "ok",
			Errors: map[string]string{"name": "n", "retention_days": "r"}},
		"settings_members": settingsMembersView{Page: signed, CanManage: true, Roles: []string{"viewer", "admin"}, InviteRole: "admin", Saved: "ok",
			Members:     []memberRow{{Member: store.Member{Membership: store.Membership{UserID: 1, Role: "admin", CreatedAt: now}}, Manageable: true, Self: true}, {}},
			Invitations: []invitationRow{{Invitation: store.Invitation{ID: 1, Email: "a@b.c", ExpiresAt: now}}, {Expired: true}},
			Errors:      map[string]string{"email": "e", "role": "r", "member-1": "m"}},
		"settings_connections": settingsConnectionsView{Page: signed, CanManage: true, Saved: "ok",
			Form:   connectionForm{Kind: "role", VerifyID: 1, RoleARN: "arn"},
			Errors: map[string]string{"verify": "v", "role-name": "n", "keys-access_key_id": "k", "endpoint-endpoint_url": "u"},
			Connections: []connectionRow{{AWSConnection: store.AWSConnection{ID: 1, Kind: "role", ExternalID: "x", RoleARN: "arn", VerifiedAt: &now}, TrustPolicy: "{}"},
				{AWSConnection: store.AWSConnection{ID: 2, Kind: "keys", AccessKeyHint: "ABCD"}}, {AWSConnection: store.AWSConnection{ID: 3, Kind: "endpoint", EndpointURL: "http://x"}}}},
		"admin": adminView{Page: signed, Version: "v1", Go: "go", Queued: 2, Checks: []healthRow{{Name: "database", OK: true}, {Name: "redis", Detail: "down"}},
			Runs: []runCount{{"pending", 2}}},
		"admin_users": adminUsersView{Page: signed, Query: "q", Limited: true,
			Users: []adminUserRow{{User: store.User{ID: 1, IsPlatformAdmin: true}, Self: true}, {User: store.User{ID: 2, DisabledAt: &now}}, {User: store.User{ID: 3}}}},
		"admin_orgs":  adminOrgsView{Page: signed, Plans: plans, From: 500, Next: 1000, Prev: 0, Orgs: []store.Organization{{ID: 1, Plan: "team"}}},
		"admin_audit": adminAuditView{Page: signed, Error: "e", Next: "/admin/audit?after=1", Events: []audit.Record{{Seq: 1, Time: now, Action: "admin.user_disable"}}},
		"keys": keysView{Page: signed, NewKey: "sk_x", Errors: map[string]string{"name": "n"},
			Scopes: []scopeChoice{{"generate", true}},
			Keys:   []keyRow{{ID: 1, Name: "k", Scopes: []string{"generate"}, Created: now, Expires: &now, LastUsed: &now, Active: true}, {ID: 2, Revoked: true}}},
		"workspaces": workspacesView{Page: signed, CanWrite: true, Name: "n", Region: "mars", Mode: "agent",
			Workspaces:  []workspaceRow{{ID: 1, Name: "shop", LastRun: 2, LastStatus: "planned"}, {ID: 2}},
			Connections: []connectionChoice{{ID: 1, Label: "kumo (endpoint)", Selected: true}},
			Errors:      map[string]string{"name": "n", "region": "r", "connection": "c", "mode": "m"}},
		"workspace": workspaceView{OlderRuns: 3, Page: signed, CanWrite: true, HasSpec: true, Prompt: "p", Error: "e",
			Workspace: workspaceRow{ID: 1, Name: "shop", LastRun: 2, LastStatus: "applied"},
			Files:     []generatedFile{{ID: "file-0", Name: "main.tf", Content: "x"}},
			Runs:      []runRow{{ID: 2, Operation: "destroy", Planned: true, Add: 1, When: now}, {ID: 1}},
			States:    []stateRow{{Serial: 1, RunID: 2, Created: now}, {Serial: 0}}},
		"run": runView{Page: signed, Run: runRow{ID: 2, Operation: "destroy", Prompt: "p", Planned: true, Destroy: 1, When: now},
			Error: "e", Busy: true, Applied: true, CanApprove: true, CanDiscard: true, CanAsk: true, Log: "log", LogAfter: 3,
			Changes:  []changeRow{{Symbol: "-", Action: "delete", Address: "aws_s3_bucket.b", ID: "b"}},
			Findings: []policy.Finding{{RuleID: "CKV_AWS_1", Severity: policy.Low, Resource: "aws_s3_bucket.b", Message: "m", Fixed: true}},
			Files:    []generatedFile{{ID: "file-0", Name: "main.tf.json", Content: "{}"}}},
		"agents": agentsView{Page: signed, Server: "https://app.example",
			Agents: []agentRow{{ID: 1, Name: "laptop", OS: "linux/amd64", LastSeen: now, Online: true}, {ID: 2}}},
	}
	var names []string
	for n := range pg.sets {
		names = append(names, n)
	}
	slices.Sort(names)
	var covered []string
	for n := range views {
		covered = append(covered, n)
	}
	slices.Sort(covered)
	if diff := cmp.Diff(names, covered); diff != "" {
		t.Errorf("templates without a test view (-templates +views):\n%s", diff)
	}
	for name, v := range views {
		b, err := pg.execute(name, v)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if s := string(b); strings.Contains(s, "<script>") || strings.Contains(s, "onclick=") {
			t.Errorf("%s: inline script", name)
		}
	}
}
