package main

import (
	"bytes"
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"

	"github.com/syncloud/syncloud/internal/store"
)

func TestAdminCommands(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("SYNCLOUD_DATA_DIR", dir)
	t.Setenv("SYNCLOUD_DATABASE_URL", "")
	out := admin(t, "a long enough password\n", "create-user", "--email", "a@example.com", "--name", "A", "--org", "Acme Inc", "--password-stdin")
	if !strings.Contains(out, "as owner of organization") {
		t.Errorf("create-user printed %q", out)
	}
	// A second user joins the existing organization as another owner.
	admin(t, "another long password\n", "create-user", "--email", "b@example.com", "--name", "B", "--org", "acme-inc", "--password-stdin")
	key := admin(t, "", "create-api-key", "--email", "b@example.com", "--org", "Acme Inc", "--name", "k", "--scopes", "generate,admin")
	if k := strings.TrimSpace(key); !strings.HasPrefix(k, "sc_") || len(k) != 39 || strings.Count(key, "\n") != 1 {
		t.Errorf("create-api-key printed %q, want only the key", key)
	}
	for _, tt := range []struct {
		name  string
		stdin string
		args  []string
		want  int
	}{
		{"duplicate email", "a long enough password\n", []string{"create-user", "--email", "a@example.com", "--name", "A", "--org", "X", "--password-stdin"}, 1},
		{"common password", "password\n", []string{"create-user", "--email", "c@example.com", "--name", "C", "--org", "X", "--password-stdin"}, 2},
		{"no password flag", "", []string{"create-user", "--email", "c@example.com", "--name", "C", "--org", "X"}, 2},
		{"unknown scope", "", []string{"create-api-key", "--email", "a@example.com", "--org", "acme-inc", "--name", "k", "--scopes", "root"}, 2},
		{"not a member", "", []string{"create-api-key", "--email", "a@example.com", "--org", "nope", "--name", "k"}, 1},
		{"unknown command", "", []string{"frobnicate"}, 2},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if code := runAdmin(context.Background(), tt.args, strings.NewReader(tt.stdin), &stdout, &stderr); code != tt.want {
				t.Errorf("exit %d, want %d; stderr %s", code, tt.want, stderr.String())
			}
		})
	}
}

// TestAuditVerifyNamesTamperedEvent edits one event the way someone with
// write access to the database file could (dropping the append-only
// trigger first) and expects verify to fail naming that event.
func TestAuditVerifyNamesTamperedEvent(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("SYNCLOUD_DATA_DIR", dir)
	t.Setenv("SYNCLOUD_DATABASE_URL", "")
	admin(t, "a long enough password\n", "create-user", "--email", "a@example.com", "--name", "A", "--org", "Acme", "--password-stdin")
	admin(t, "", "create-api-key", "--email", "a@example.com", "--org", "Acme", "--name", "k")
	if out := admin(t, "", "audit", "verify"); !strings.HasPrefix(out, "ok: ") {
		t.Fatalf("intact log: %s", out)
	}
	db, err := sql.Open("sqlite", "file:"+filepath.Join(dir, store.FileName)+"?_pragma=busy_timeout(10000)")
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`DROP TRIGGER audit_events_no_update`,
		`UPDATE audit_events SET details = replace(details, '"k"', '"x"') WHERE seq = 2 AND action = 'api_key.create'`,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	db.Close()
	var stdout, stderr bytes.Buffer
	code := runAdmin(context.Background(), []string{"audit", "verify", "--org", "Acme"}, nil, &stdout, &stderr)
	if code != 1 || !strings.Contains(stderr.String(), "event 2") {
		t.Errorf("verify of a tampered log: exit %d, stderr %q", code, stderr.String())
	}
}
