package web

import (
	"context"
	"net/http"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/syncloud/syncloud/internal/store"
)

// TestWorkspaceRunsArePaged: the runs list comes a page at a time, newest
// first, with the next page's URL until the oldest run.
func TestWorkspaceRunsArePaged(t *testing.T) {
	p := newPlatform(t)
	owner := p.register("pages@example.com")
	var ws workspaceView
	owner.mustDo(http.MethodPost, "/api/v1/workspaces", map[string]any{"name": "paged", "region": "us-east-1"}, http.StatusCreated, &ws)
	var ids []int64
	for range 5 {
		r := &store.Run{WorkspaceID: ws.ID, Operation: "apply", Status: "discarded", ExecutionMode: "platform", Spec: "{}", Config: "{}", StateSerial: -1}
		if err := p.db.CreateRun(context.Background(), owner.org, r); err != nil {
			t.Fatal(err)
		}
		ids = append([]int64{r.ID}, ids...) // newest first
	}
	var got []int64
	next := "/api/v1/workspaces/" + itoa(ws.ID) + "/runs?limit=2"
	pages := 0
	for next != "" {
		var page struct {
			Runs []runView `json:"runs"`
			Next string    `json:"next"`
		}
		owner.mustDo(http.MethodGet, next, nil, http.StatusOK, &page)
		for _, r := range page.Runs {
			got = append(got, r.ID)
		}
		next = page.Next
		if pages++; pages > 5 {
			t.Fatal("the pages do not end")
		}
	}
	if diff := cmp.Diff(ids, got); diff != "" || pages != 3 {
		t.Errorf("runs over %d pages (-want +got):\n%s", pages, diff)
	}
	if st, _ := owner.do(http.MethodGet, "/api/v1/workspaces/"+itoa(ws.ID)+"/runs?before=latest", nil); st != http.StatusBadRequest {
		t.Errorf("before=latest: %d, want 400", st)
	}
}
