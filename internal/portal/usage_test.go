package portal

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
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
