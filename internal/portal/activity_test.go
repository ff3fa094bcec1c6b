package portal

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/syncloud/syncloud/internal/audit"
)

func TestActivityShowsFiltersExportsVerifies(t *testing.T) {
	b := newTestPortal(t).browser(t)
	b.signUp("ada@example.com", "Analytical")
	st, _, _ := b.post("/playground", url.Values{"prompt": {"an S3 bucket for logs"}, "format": {"hcl"}})
	if st != http.StatusOK {
		t.Fatalf("generate: %d", st)
	}
	st, _, page := b.do(http.MethodGet, "/activity?action=generate", nil)
	if st != http.StatusOK || !strings.Contains(page, `<span class="event-action">generate</span>`) || !strings.Contains(page, "sha256") {
		t.Fatalf("activity: %d\n%s", st, page)
	}
	if strings.Contains(page, "account.register") {
		t.Error("action filter let other actions through")
	}

	_, _, jl := b.do(http.MethodGet, "/activity/export?format=jsonl&action=generate", nil)
	sc := bufio.NewScanner(strings.NewReader(jl))
	var n int
	for sc.Scan() {
		var rec audit.Record
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil || rec.Action != "generate" {
			t.Fatalf("JSON line %q: %v", sc.Text(), err)
		}
		n++
	}
	if n != 1 {
		t.Errorf("JSON Lines export has %d events, want 1", n)
	}
	_, _, c := b.do(http.MethodGet, "/activity/export?format=csv", nil)
	rows, err := csv.NewReader(strings.NewReader(c)).ReadAll()
	if err != nil || len(rows) < 3 || rows[0][5] != "action" {
		t.Fatalf("CSV export: %v, %d rows", err, len(rows))
	}

	st, _, page = b.post("/activity/verify", nil)
	if st != http.StatusOK || !strings.Contains(page, "Chain verified") {
		t.Fatalf("verify: %d\n%s", st, page)
	}
}

func TestActivityFilterRejection(t *testing.T) {
	b := newTestPortal(t).browser(t)
	b.signUp("ada@example.com", "Analytical")
	for _, q := range []string{"actor=nobody", "from=yesterday", "to=2026-13-01", "workspace=shop", "workspace=-1"} {
		st, _, page := b.do(http.MethodGet, "/activity?"+q, nil)
		if st != http.StatusUnprocessableEntity || !strings.Contains(page, `role="alert"`) {
			t.Errorf("%s: %d, want 422 with an alert", q, st)
		}
	}
}

func TestReadDetails(t *testing.T) {
	for _, tc := range []struct {
		name   string
		raw    string
		files  []tfFile
		fields []detailField
	}{
		{"empty", ``, nil, nil},
		{"null", `null`, nil, nil},
		{"run.plan", `{"add":1,"prompt":"add carts","terraform":{"z.tf":"b","main.tf.json":"{\n  \"a\": 1\n}"},"workspace_id":7}`,
			[]tfFile{{Name: "main.tf.json", Code: "{\n  \"a\": 1\n}"}, {Name: "z.tf", Code: "b"}},
			[]detailField{{Key: "add", Value: "1"}, {Key: "prompt", Value: "add carts"}, {Key: "workspace_id", Value: "7"}}},
		{"nested values stay compact JSON", `{"scopes": ["a", "b"], "x": {"y": null}}`, nil,
			[]detailField{{Key: "scopes", Value: `["a","b"]`}, {Key: "x", Value: `{"y":null}`}}},
		{"terraform that is not files is a field", `{"terraform":"1.11"}`, nil, []detailField{{Key: "terraform", Value: "1.11"}}},
		{"not an object", `[1,2]`, nil, []detailField{{Key: "details", Value: "[1,2]"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			files, fields := readDetails([]byte(tc.raw))
			// The markup is highlight's (TestHighlightEscapes); here what matters
			// is which files are found and their text.
			if diff := cmp.Diff(tc.files, files, cmpopts.IgnoreFields(tfFile{}, "HTML")); diff != "" {
				t.Errorf("files (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tc.fields, fields, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("fields (-want +got):\n%s", diff)
			}
		})
	}
}

// TestActivityPagesAndExportsAll: the log shows a page at a time with a
// link to the next, and an export holds every matching event.
func TestActivityPagesAndExportsAll(t *testing.T) {
	tp := newTestPortal(t)
	b := tp.browser(t)
	b.signUp("ada@example.com", "Analytical")
	_, org := tp.user(t, "ada@example.com")
	const n = activityLimit + 20
	for i := range n {
		if _, err := tp.audit.Append(context.Background(), audit.Event{OrgID: org, Actor: audit.Actor{Type: "system"},
			Action: "test.tick", Target: audit.Target{Type: "clock", ID: strconv.Itoa(i)}}); err != nil {
			t.Fatal(err)
		}
	}
	_, _, first := b.do(http.MethodGet, "/activity?action=test.", nil)
	if got := strings.Count(first, `<span class="event-action">test.tick</span>`); got != activityLimit {
		t.Errorf("the first page shows %d events, want %d", got, activityLimit)
	}
	m := regexp.MustCompile(`<a href="(/activity\?[^"]*after=\d+[^"]*)">Next events</a>`).FindStringSubmatch(first)
	if m == nil {
		t.Fatalf("no link to the next events on the first page")
	}
	_, _, second := b.do(http.MethodGet, html.UnescapeString(m[1]), nil)
	if got := strings.Count(second, `<span class="event-action">test.tick</span>`); got != 20 || strings.Contains(second, "Next events") {
		t.Errorf("the second page shows %d events (want 20) or offers more", got)
	}
	_, _, c := b.do(http.MethodGet, "/activity/export?format=csv&action=test.", nil)
	rows, err := csv.NewReader(strings.NewReader(c)).ReadAll()
	if err != nil || len(rows) != n+1 {
		t.Errorf("CSV export: %v, %d rows, want %d events and the header", err, len(rows), n)
	}
}
