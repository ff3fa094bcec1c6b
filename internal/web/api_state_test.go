package web

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/syncloud/syncloud/internal/store"
)

// TestStateAccessByPeopleIsAudited: a person's own Terraform writing and
// reading a workspace's state, and a download of a state version, are in
// the audit log with who did it; an answer without state is not.
func TestStateAccessByPeopleIsAudited(t *testing.T) {
	p := newPlatform(t)
	owner := p.register("state@example.com")
	var ws workspaceView
	owner.mustDo(http.MethodPost, "/api/v1/workspaces", map[string]any{"name": "own-terraform", "region": "us-east-1"}, http.StatusCreated, &ws)
	path := "/api/v1/workspaces/" + itoa(ws.ID) + "/state"
	if st, b := owner.do(http.MethodGet, path, nil); st != http.StatusNoContent {
		t.Fatalf("GET state of a new workspace: %d %s, want 204", st, b)
	}
	state := json.RawMessage(`{"version":4,"terraform_version":"1.11.4","serial":1,"lineage":"3f1c","outputs":{},"resources":[]}`)
	owner.mustDo(http.MethodPost, path, state, http.StatusOK, nil)
	owner.mustDo(http.MethodGet, path, nil, http.StatusOK, nil)
	owner.mustDo(http.MethodGet, path+"/versions/1", nil, http.StatusOK, nil)

	evs, err := p.db.AuditEvents(context.Background(), owner.org, store.AuditFilter{Action: "state.", Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, ev := range evs {
		if ev.TargetType != "workspace" || ev.TargetID != itoa(ws.ID) || ev.ActorType != "user" || ev.ActorID != itoa(owner.userID) {
			t.Errorf("event %s: target %s:%s, actor %s:%s", ev.Action, ev.TargetType, ev.TargetID, ev.ActorType, ev.ActorID)
		}
		got = append(got, ev.Action+" "+ev.Details)
	}
	want := []string{
		`state.write {"sha256":"` + sha256Of(state) + `"}`,
		`state.read {"version":"latest"}`,
		`state.read {"version":1}`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("state audit events (-want +got):\n%s", diff)
	}
}

func sha256Of(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}
