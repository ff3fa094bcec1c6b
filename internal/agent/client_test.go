package agent

import (
	"context"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestClientIdentifiesAgent checks the headers every call carries and
// that a problem answer becomes an APIError with its detail.
func TestClientIdentifiesAgent(t *testing.T) {
	var got http.Header
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = r.Header.Clone()
		w.Header().Set("Content-Type", "application/problem+json")
		w.WriteHeader(http.StatusConflict)
		w.Write([]byte(`{"title":"Conflict","status":409,"detail":"run 5 is not held by agent 9"}`))
	}))
	defer srv.Close()
	c := &Client{Server: srv.URL, APIKey: "key1", AgentID: 9, Version: "1.2.3"}
	_, err := c.Report(context.Background(), 5, "applied", "")
	if !IsStatus(err, http.StatusConflict) {
		t.Fatalf("err = %v, want a 409 APIError", err)
	}
	if want := "platform answered 409: run 5 is not held by agent 9"; !strings.Contains(err.Error(), want) {
		t.Errorf("err = %q, want it to contain %q", err, want)
	}
	wantHeaders := map[string]string{
		"Authorization":             "Bearer key1",
		"X-Synccloud-Agent-Id":      "9",
		"X-Synccloud-Agent-Os":      runtime.GOOS + "/" + runtime.GOARCH,
		"X-Synccloud-Agent-Version": "1.2.3",
	}
	gotHeaders := map[string]string{}
	for k := range wantHeaders {
		gotHeaders[k] = got.Get(k)
	}
	if diff := cmp.Diff(wantHeaders, gotHeaders); diff != "" {
		t.Errorf("headers (-want +got):\n%s", diff)
	}
}
