package portal

import (
	"bufio"
	"context"
	"crypto/ed25519"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/syncloud/syncloud/internal/audit"
	"github.com/syncloud/syncloud/internal/store"
)

var eventRe = regexp.MustCompile(`<span class="event-action">([^<]+)</span>.*?<span class="event-target">([^<]+)</span>`)

// TestActivityFilters checks each filter of /activity (actor, action,
// workspace, dates, and their combinations) on the page and on both
// exports, which must list the same events. Another organization's events
// about a workspace of the same ID never appear.
func TestActivityFilters(t *testing.T) {
	tp := newTestPortal(t)
	b := tp.browser(t)
	b.signUp("ada@example.com", "Analytical")
	org, user := orgOf(t, tp.db, "ada@example.com")
	tp.browser(t).signUp("eve@example.com", "Other")
	otherOrg, _ := orgOf(t, tp.db, "eve@example.com")
	_, key, _ := ed25519.GenerateKey(nil)
	w, err := audit.NewWriter(tp.db, audit.Options{SigningKey: key})
	if err != nil {
		t.Fatal(err)
	}
	u := audit.Actor{Type: "user", ID: fmt.Sprint(user)}
	for _, ev := range []audit.Event{
		{OrgID: org, Actor: u, Action: "workspace.create", Target: audit.Target{Type: "workspace", ID: "7"}, Details: map[string]any{"name": "shop"}},
		{OrgID: org, Actor: u, Action: "run.plan", Target: audit.Target{Type: "run", ID: "3"},
			Details: map[string]any{"workspace_id": 7, "prompt": "a table", "terraform": map[string]string{"main.tf": `resource "x" "<b>" {}`}}},
		{OrgID: org, Actor: audit.Actor{Type: "api_key", ID: "2"}, Action: "run.plan", Target: audit.Target{Type: "run", ID: "4"}, Details: map[string]any{"workspace_id": 8}},
		{OrgID: otherOrg, Actor: u, Action: "run.plan", Target: audit.Target{Type: "run", ID: "5"}, Details: map[string]any{"workspace_id": 7}},
	} {
		if _, err := w.Append(context.Background(), ev); err != nil {
			t.Fatal(err)
		}
	}
	_, _, page := b.do(http.MethodGet, "/activity?workspace=7&action=run.plan", nil)
	for _, want := range []string{`<h3 class="tf-name">main.tf</h3><pre><code class="chroma"><span class="kr">resource</span> <span class="s2">&#34;x&#34;</span> <span class="s2">&#34;&lt;b&gt;&#34;</span>`,
		`<dt>prompt</dt><dd class="detail-value">a table</dd>`, `<dt>workspace_id</dt><dd class="detail-value">7</dd>`} {
		if !strings.Contains(page, want) {
			t.Errorf("the run.plan event's details lack %s", want)
		}
	}
	today := time.Now().UTC()
	day := func(d int) string { return today.AddDate(0, 0, d).Format(time.DateOnly) }
	for _, tc := range []struct {
		query string
		want  []string
	}{
		{"action=run.plan", []string{"run.plan run:3", "run.plan run:4"}},
		{"action=run.", []string{"run.plan run:3", "run.plan run:4"}},
		{"workspace=7", []string{"workspace.create workspace:7", "run.plan run:3"}},
		{"workspace=7&action=run.plan", []string{"run.plan run:3"}},
		{"workspace=9", nil},
		{"actor=api_key:2", []string{"run.plan run:4"}},
		{fmt.Sprintf("actor=user:%d&action=run.", user), []string{"run.plan run:3"}},
		{"workspace=7&from=" + day(0) + "&to=" + day(0), []string{"workspace.create workspace:7", "run.plan run:3"}},
		{"workspace=7&to=" + day(-1), nil},
		{"workspace=7&from=" + day(1), nil},
	} {
		t.Run(tc.query, func(t *testing.T) {
			st, _, page := b.do(http.MethodGet, "/activity?"+tc.query, nil)
			if st != http.StatusOK {
				t.Fatalf("page: %d", st)
			}
			views := map[string][]string{"page": pageEvents(page),
				"jsonl": jsonlEvents(t, b, tc.query), "csv": csvEvents(t, b, tc.query)}
			for name, got := range views {
				if diff := cmp.Diff(tc.want, got); diff != "" {
					t.Errorf("%s (-want +got):\n%s", name, diff)
				}
			}
		})
	}
}

// orgOf returns the organization and ID of the user with email.
func orgOf(t *testing.T, db *store.DB, email string) (org, user int64) {
	t.Helper()
	u, err := db.UserByEmail(context.Background(), email)
	if err != nil {
		t.Fatal(err)
	}
	ms, err := db.UserMemberships(context.Background(), u.ID)
	if err != nil || len(ms) != 1 {
		t.Fatalf("memberships of %s: %v, %d", email, err, len(ms))
	}
	return ms[0].OrgID, u.ID
}

// pageEvents reads "action target" of each event the page lists.
func pageEvents(page string) []string {
	var out []string
	for _, m := range eventRe.FindAllStringSubmatch(page, -1) {
		out = append(out, m[1]+" "+m[2])
	}
	return out
}

func jsonlEvents(t *testing.T, b *browser, query string) []string {
	t.Helper()
	st, _, body := b.do(http.MethodGet, "/activity/export?format=jsonl&"+query, nil)
	if st != http.StatusOK {
		t.Fatalf("JSON Lines export: %d", st)
	}
	var out []string
	for sc := bufio.NewScanner(strings.NewReader(body)); sc.Scan(); {
		var rec audit.Record
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			t.Fatalf("JSON line %q: %v", sc.Text(), err)
		}
		out = append(out, rec.Action+" "+rec.Target.Type+":"+rec.Target.ID)
	}
	return out
}

func csvEvents(t *testing.T, b *browser, query string) []string {
	t.Helper()
	st, _, body := b.do(http.MethodGet, "/activity/export?format=csv&"+query, nil)
	rows, err := csv.NewReader(strings.NewReader(body)).ReadAll()
	if st != http.StatusOK || err != nil || len(rows) == 0 {
		t.Fatalf("CSV export: %d, %v", st, err)
	}
	var out []string
	for _, r := range rows[1:] {
		out = append(out, r[5]+" "+r[6]+":"+r[7])
	}
	return out
}
