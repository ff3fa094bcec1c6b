package portal

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

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
	for _, q := range []string{"actor=nobody", "from=yesterday", "to=2026-13-01"} {
		st, _, page := b.do(http.MethodGet, "/activity?"+q, nil)
		if st != http.StatusUnprocessableEntity || !strings.Contains(page, `role="alert"`) {
			t.Errorf("%s: %d, want 422 with an alert", q, st)
		}
	}
}
