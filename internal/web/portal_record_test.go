package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/syncloud/syncloud/internal/auth"
)

// meterLog keeps the records it is given.
type meterLog struct {
	mu   sync.Mutex
	recs []RequestRecord
}

func (m *meterLog) Record(_ context.Context, rec RequestRecord) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.recs = append(m.recs, rec)
}

// TestPortalPagesAreMetered mounts a portal-like mux: a page that names its
// signed-in user (and a prompt) is recorded under the portal's own route
// pattern with the request's context; a public page is not.
func TestPortalPagesAreMetered(t *testing.T) {
	pages := http.NewServeMux()
	pages.HandleFunc("POST /playground/{ws}", func(w http.ResponseWriter, r *http.Request) {
		NotePrincipal(r.Context(), auth.Principal{Kind: auth.KindUser, OrgID: 7, UserID: 3})
		NotePrompt(r.Context(), "a bucket")
		w.WriteHeader(http.StatusUnprocessableEntity)
	})
	pages.HandleFunc("GET /privacy", func(w http.ResponseWriter, r *http.Request) {})
	meter := &meterLog{}
	s := New(Deps{Portal: pages, Meter: meter})

	req := httptest.NewRequest(http.MethodPost, "/playground/12", nil)
	req.Header.Set("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36")
	req.Header.Set("Referer", "https://syncloud.example/playground")
	s.ServeHTTP(httptest.NewRecorder(), req)
	s.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, "/privacy", nil))

	if len(meter.recs) != 1 {
		t.Fatalf("%d records, want 1 (the signed-in page only): %+v", len(meter.recs), meter.recs)
	}
	rec := meter.recs[0]
	type summary struct {
		Route, Prompt, Referrer, Browser string
		Org, User                        int64
		Status                           int
		Success                          bool
	}
	got := summary{rec.Route, rec.Prompt, rec.Referrer, rec.UserAgent.Browser, rec.OrgID, rec.UserID, rec.Status, rec.Success}
	want := summary{"POST /playground/{ws}", "a bucket", "https://syncloud.example/playground", "Chrome", 7, 3, 422, false}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("portal record (-want +got):\n%s", d)
	}
}
