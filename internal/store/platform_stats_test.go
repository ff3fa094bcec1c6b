package store_test

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/syncloud/syncloud/internal/store"
	"github.com/syncloud/syncloud/internal/store/storetest"
)

func TestSearchUsers(t *testing.T) {
	db := storetest.Open(t)
	for _, e := range []string{"ada@example.com", "grace_h@example.com", "100%@example.com"} {
		newAccount(t, db, e, "Org "+e)
	}
	for _, tc := range []struct {
		query string
		want  []string
	}{
		{"", []string{"ada@example.com", "grace_h@example.com", "100%@example.com"}},
		{"ADA", []string{"ada@example.com"}},
		{"N grace", []string{"grace_h@example.com"}}, // the name
		{"_", []string{"grace_h@example.com"}},       // literal, not any one character
		{"%", []string{"100%@example.com"}},
		{"nobody", nil},
	} {
		us, err := db.SearchUsers(context.Background(), tc.query, 10)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, u := range us {
			got = append(got, u.Email)
		}
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("SearchUsers(%q) (-want +got):\n%s", tc.query, diff)
		}
	}
}

func TestRunCounts(t *testing.T) {
	db := storetest.Open(t)
	ctx := context.Background()
	var want = map[string]int{}
	for i, email := range []string{"a@example.com", "b@example.com"} {
		u, org := newAccount(t, db, email, "Org "+email)
		ws := &store.Workspace{Name: "w", Region: "us-east-1", ExecutionMode: "platform", CreatedBy: u.ID, CreatedAt: t0, UpdatedAt: t0}
		if err := db.CreateWorkspace(ctx, org.ID, ws); err != nil {
			t.Fatal(err)
		}
		for _, status := range []string{"pending", "approved", "applied"}[i:] {
			r := &store.Run{WorkspaceID: ws.ID, Operation: "apply", Status: status, ExecutionMode: "platform", CreatedAt: t0, UpdatedAt: t0}
			if err := db.CreateRun(ctx, org.ID, r); err != nil {
				t.Fatal(err)
			}
			want[status]++
		}
	}
	got, err := db.RunCounts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("RunCounts (-want +got):\n%s", diff)
	}
}
