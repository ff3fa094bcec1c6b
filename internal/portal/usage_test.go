package portal

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/syncloud/syncloud/internal/store"
	"github.com/syncloud/syncloud/internal/store/storetest"
	"github.com/syncloud/syncloud/internal/usage"
)

var totalsRe = regexp.MustCompile(`<dt>(Requests|Succeeded|Failed|Latency p50|Latency p95)</dt><dd>([\d.]+)`)

// TestUsageMatchesAPI meters real API calls through the web server and
// checks that the usage page shows the totals /api/v1/usage answers. The
// page is read first: the API's own request is metered after it answers.
func TestUsageMatchesAPI(t *testing.T) {
	base := realServer(t)
	b := newHTTPBrowser(t, base)
	b.signUp("ada@example.com", "Analytical")
	b.do(http.MethodGet, "/keys", nil)
	_, _, page := b.post("/keys", url.Values{"name": {"ci"}, "scope": {"generate", "admin"}})
	key := keyRe.FindStringSubmatch(page)[1]
	for _, prompt := range []string{"an S3 bucket", "a DynamoDB table", ""} {
		apiCall(t, http.MethodPost, base+"/api/v1/generate", key, fmt.Sprintf(`{"prompt": %q}`, prompt))
	}

	_, _, page = b.do(http.MethodGet, "/usage?days=30", nil)
	var rep usage.Report
	if err := json.Unmarshal(apiCall(t, http.MethodGet, base+"/api/v1/usage", key, ""), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Total.Requests != 3 || rep.Total.Failed != 1 {
		t.Fatalf("API usage %+v, want the 3 generate calls, 1 failed", rep.Total)
	}
	got := map[string]string{}
	for _, m := range totalsRe.FindAllStringSubmatch(page, -1) {
		got[m[1]] = m[2]
	}
	want := map[string]string{"Requests": "3", "Succeeded": "2", "Failed": "1",
		"Latency p50": fmt.Sprintf("%.1f", rep.Total.LatencyMS.P50), "Latency p95": fmt.Sprintf("%.1f", rep.Total.LatencyMS.P95)}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("usage page vs API (-api +page):\n%s", diff)
	}
	if !strings.Contains(page, ">ci<") {
		t.Error("the split by key does not name the key")
	}
}

// apiCall sends an API request with a key and returns the body.
func apiCall(t *testing.T, method, u, key, body string) []byte {
	t.Helper()
	req, _ := http.NewRequest(method, u, strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+key)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

var (
	usageRowRe   = regexp.MustCompile(`<tr data-key="([^"]*)"><td>([^<]*)</td><td>(\d+)</td><td>(\d+)</td><td>(\d+)</td><td>([\d.]+)</td><td>([\d.]+)</td></tr>`)
	usageTitleRe = regexp.MustCompile(`<title>(\d{4}-\d\d-\d\d): (\d+) succeeded, (\d+) failed</title>`)
)

// TestUsagePageMatchesAPIByGroup stores requests of keys, users and Local
// Agents over several days (and some of another organization and from
// before the period) and checks, for each split the page offers, that its
// totals and per-group rows equal /api/v1/usage's with the same group_by
// for the same 30 days, and that its chart's days equal group_by=day.
func TestUsagePageMatchesAPIByGroup(t *testing.T) {
	db := storetest.Open(t)
	base := realServerWith(t, serverOptions{DB: db})
	b := newHTTPBrowser(t, base)
	b.signUp("ada@example.com", "Analytical")
	b.do(http.MethodGet, "/keys", nil)
	_, _, page := b.post("/keys", url.Values{"name": {"ci"}, "scope": {"admin"}})
	key := keyRe.FindStringSubmatch(page)[1]
	org, user := orgOf(t, db, "ada@example.com")
	now := time.Now().UTC()
	var rows []store.RequestLog
	for i, r := range []struct {
		org, user, key int64
		agent          string
		age            time.Duration
		ok             bool
	}{
		{org, user, 0, "", 2 * time.Hour, true}, {org, user, 0, "", 26 * time.Hour, false},
		{org, 0, 41, "", 3 * 24 * time.Hour, true}, {org, 0, 41, "", 3 * 24 * time.Hour, true},
		{org, 0, 0, "agent-7", 50 * time.Hour, true}, {org, 0, 0, "agent-7", 50 * time.Hour, false},
		{org, 0, 0, "agent-9", 5 * time.Hour, true},
		{org + 100, user, 0, "agent-7", time.Hour, true}, {org, user, 0, "agent-9", 40 * 24 * time.Hour, true},
	} {
		rows = append(rows, store.RequestLog{OrgID: r.org, UserID: r.user, APIKeyID: r.key, AgentID: r.agent,
			Route: "POST /api/v1/generate", Status: map[bool]int{true: 200, false: 500}[r.ok], Success: r.ok,
			LatencyMS: float64(10 * (i + 1)), CreatedAt: now.Add(-r.age)})
	}
	if err := db.InsertRequestLogs(context.Background(), rows); err != nil {
		t.Fatal(err)
	}
	for _, group := range []string{"key", "user", "agent"} {
		t.Run(group, func(t *testing.T) {
			// The page first: the API's request is metered after it answers.
			_, _, page := b.do(http.MethodGet, "/usage?days=30&group="+group, nil)
			var rep usage.Report
			if err := json.Unmarshal(apiCall(t, http.MethodGet, base+"/api/v1/usage?group_by="+group, key, ""), &rep); err != nil {
				t.Fatal(err)
			}
			want := []string{fmt.Sprintf("total %d %d %d %.1f %.1f", rep.Total.Requests, rep.Total.Succeeded,
				rep.Total.Failed, rep.Total.LatencyMS.P50, rep.Total.LatencyMS.P95)}
			for _, g := range rep.Groups {
				label := g.Label
				if label == "" {
					label = g.Key
				}
				want = append(want, fmt.Sprintf("%s %s %d %d %d %.1f %.1f", g.Key, label, g.Requests,
					g.Succeeded, g.Failed, g.LatencyMS.P50, g.LatencyMS.P95))
			}
			if diff := cmp.Diff(want, usagePageNumbers(page)); diff != "" {
				t.Errorf("usage page vs API (-api +page):\n%s", diff)
			}
		})
	}
	_, _, page = b.do(http.MethodGet, "/usage?days=30&group=agent", nil)
	for _, want := range []string{`<tr data-key="agent-7"><td>agent-7</td><td>2</td><td>1</td><td>1</td>`,
		`<tr data-key="agent-9"><td>agent-9</td><td>1</td><td>1</td><td>0</td>`} {
		if !strings.Contains(page, want) {
			t.Errorf("the split by agent lacks %s", want)
		}
	}
	_, _, page = b.do(http.MethodGet, "/usage?days=30", nil)
	var days usage.Report
	if err := json.Unmarshal(apiCall(t, http.MethodGet, base+"/api/v1/usage?group_by=day", key, ""), &days); err != nil {
		t.Fatal(err)
	}
	var want, got []string
	for _, g := range days.Groups {
		want = append(want, fmt.Sprintf("%s %d %d", g.Key, g.Succeeded, g.Failed))
	}
	for _, m := range usageTitleRe.FindAllStringSubmatch(page, -1) {
		if m[2] != "0" || m[3] != "0" {
			got = append(got, m[1]+" "+m[2]+" "+m[3])
		}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("usage chart vs API group_by=day (-api +page):\n%s", diff)
	}
}

// usagePageNumbers reads the page's totals and its table's rows in the
// form the test builds from the API's report.
func usagePageNumbers(page string) []string {
	tot := map[string]string{}
	for _, m := range totalsRe.FindAllStringSubmatch(page, -1) {
		tot[m[1]] = m[2]
	}
	out := []string{fmt.Sprintf("total %s %s %s %s %s", tot["Requests"], tot["Succeeded"], tot["Failed"],
		tot["Latency p50"], tot["Latency p95"])}
	for _, m := range usageRowRe.FindAllStringSubmatch(page, -1) {
		out = append(out, strings.Join(m[1:], " "))
	}
	return out
}
