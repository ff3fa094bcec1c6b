package audit

import (
	"context"
	"crypto/ed25519"
	"strings"
	"testing"
	"time"

	"github.com/syncloud/syncloud/internal/store"
	"github.com/syncloud/syncloud/internal/store/storetest"
)

// attack runs statements as someone with full access to the database:
// on SQLite the append-only triggers are dropped, on PostgreSQL they are
// bypassed with session_replication_role (superuser).
func attack(t *testing.T, db *store.DB, stmts ...string) {
	t.Helper()
	for _, s := range stmts {
		attackWith(t, db, s)
	}
}

// attackWith runs one statement with arguments, as attack does.
func attackWith(t *testing.T, db *store.DB, stmt string, args ...any) {
	t.Helper()
	ctx := context.Background()
	tx, err := db.Raw().BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	pre := []string{`SET LOCAL session_replication_role = replica`}
	if db.Dialect() == store.SQLite {
		pre = []string{`DROP TRIGGER IF EXISTS audit_events_no_update`, `DROP TRIGGER IF EXISTS audit_events_no_delete`,
			`DROP TRIGGER IF EXISTS audit_checkpoints_no_update`, `DROP TRIGGER IF EXISTS audit_checkpoints_no_delete`}
	}
	for _, s := range pre {
		if _, err := tx.ExecContext(ctx, s); err != nil {
			t.Fatalf("attack %q: %v", s, err)
		}
	}
	if _, err := tx.ExecContext(ctx, stmt, args...); err != nil {
		t.Fatalf("attack %q: %v", stmt, err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
}

// rewriteChain recomputes a whole chain after changing one event's
// details, as an attacker who knows the algorithm but not the key would.
func rewriteChain(t *testing.T, db *store.DB, org int64) {
	t.Helper()
	ctx := context.Background()
	var rows []store.AuditEvent
	if err := db.ScanAuditChain(ctx, org, func(e *store.AuditEvent) error { rows = append(rows, *e); return nil }); err != nil {
		t.Fatal(err)
	}
	attack(t, db, `DELETE FROM audit_events WHERE org_id = 1`)
	prev := genesis
	for i := range rows {
		if i == 0 {
			rows[i].Details = `{"name":"innocent"}`
		}
		rows[i].PrevHash = prev
		h, err := eventHash(&rows[i])
		if err != nil {
			t.Fatal(err)
		}
		rows[i].Hash, prev = h, h
	}
	if err := db.Transact(ctx, func(tx *store.Tx) error { return tx.InsertAuditEvents(ctx, rows) }); err != nil {
		t.Fatal(err)
	}
}

// forgeCheckpoint replaces a chain's checkpoints with one of its current
// head signed by otherKey.
func forgeCheckpoint(t *testing.T, db *store.DB, org int64) {
	t.Helper()
	ctx := context.Background()
	attack(t, db, `DELETE FROM audit_checkpoints WHERE org_id = 1`)
	head, err := db.AuditHead(ctx, org)
	if err != nil {
		t.Fatal(err)
	}
	c := &store.AuditCheckpoint{OrgID: org, Seq: head.Seq, HeadHash: head.Hash, CreatedAt: t0.Add(2 * time.Minute),
		KeyID: KeyID(testKey.Public().(ed25519.PublicKey))} // claims to be ours
	c.Signature = ed25519.Sign(otherKey, checkpointMessage(c))
	if err := db.InsertAuditCheckpoint(ctx, c); err != nil {
		t.Fatal(err)
	}
}

// TestVerifyDetectsTampering builds chains of 5 events (org 1) and 2
// (org 2) at t0, checkpoints them at t0+2m, then tampers one way each.
func TestVerifyDetectsTampering(t *testing.T) {
	tests := []struct {
		name    string
		tamper  func(t *testing.T, db *store.DB)
		wantOK  bool
		wantSeq int64
		reason  string
	}{
		{"intact", func(*testing.T, *store.DB) {}, true, 0, ""},
		{"one byte of details", func(t *testing.T, db *store.DB) {
			attack(t, db, `UPDATE audit_events SET details = replace(details, 'key-2', 'key-3') WHERE org_id = 1 AND seq = 3`)
		}, false, 3, "altered"},
		{"one byte of the actor", func(t *testing.T, db *store.DB) {
			attack(t, db, `UPDATE audit_events SET actor_label = 'bda@example.com' WHERE org_id = 1 AND seq = 2`)
		}, false, 2, "altered"},
		{"one word of the action", func(t *testing.T, db *store.DB) {
			attack(t, db, `UPDATE audit_events SET action = 'api_key.revoke' WHERE org_id = 1 AND seq = 5`)
		}, false, 5, "altered"},
		{"deleted event", func(t *testing.T, db *store.DB) {
			attack(t, db, `DELETE FROM audit_events WHERE org_id = 1 AND seq = 3`)
		}, false, 3, "missing"},
		{"last events removed", func(t *testing.T, db *store.DB) {
			attack(t, db, `DELETE FROM audit_events WHERE org_id = 1 AND seq >= 4`)
		}, false, 4, "removed from the end"},
		{"reordered", func(t *testing.T, db *store.DB) {
			attack(t, db, `UPDATE audit_events SET seq = -2 WHERE org_id = 1 AND seq = 2`,
				`UPDATE audit_events SET seq = 2 WHERE org_id = 1 AND seq = 3`,
				`UPDATE audit_events SET seq = 3 WHERE org_id = 1 AND seq = -2`)
		}, false, 2, "reordered"},
		{"chain recomputed without the key", func(t *testing.T, db *store.DB) {
			rewriteChain(t, db, 1)
		}, false, 5, "rewritten"},
		{"chain recomputed, checkpoint forged", func(t *testing.T, db *store.DB) {
			rewriteChain(t, db, 1)
			forgeCheckpoint(t, db, 1)
		}, false, 5, "invalid signature"},
		{"chain recomputed, checkpoints deleted", func(t *testing.T, db *store.DB) {
			rewriteChain(t, db, 1)
			attack(t, db, `DELETE FROM audit_checkpoints WHERE org_id = 1`)
		}, false, 1, "no checkpoint covers it"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := storetest.Open(t)
			c := &clock{t: t0}
			w := newWriter(t, db, c)
			appendN(t, w, 1, 5)
			appendN(t, w, 2, 2)
			c.Set(t0.Add(2 * time.Minute))
			ctx := context.Background()
			if err := w.Close(ctx); err != nil {
				t.Fatal(err)
			}
			tt.tamper(t, db)
			rep, err := Verify(ctx, db, testKey.Public().(ed25519.PublicKey), AllChains)
			if err != nil {
				t.Fatal(err)
			}
			if rep.OK() != tt.wantOK {
				t.Fatalf("Verify OK = %v, want %v (problem: %v)", rep.OK(), tt.wantOK, rep.Problem)
			}
			if tt.wantOK {
				return
			}
			p := rep.Problem
			if p.OrgID != 1 || p.Seq != tt.wantSeq || !strings.Contains(p.Reason, tt.reason) {
				t.Errorf("problem = %v; want chain 1, event %d, reason containing %q", p, tt.wantSeq, tt.reason)
			}
		})
	}
}

// TestAppendOnlyTriggers checks that the database itself refuses to change
// or delete audit rows (on PostgreSQL also TRUNCATE).
func TestAppendOnlyTriggers(t *testing.T) {
	db := storetest.Open(t)
	w := newWriter(t, db, nil)
	appendN(t, w, 1, 2)
	if err := w.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	stmts := []string{
		`UPDATE audit_events SET action = 'x' WHERE org_id = 1`,
		`DELETE FROM audit_events WHERE org_id = 1 AND seq = 2`,
		`UPDATE audit_checkpoints SET seq = 0`,
		`DELETE FROM audit_checkpoints`,
	}
	if db.Dialect() == store.Postgres {
		stmts = append(stmts, `TRUNCATE audit_events`, `TRUNCATE audit_checkpoints`)
	}
	for _, s := range stmts {
		if _, err := db.Raw().ExecContext(context.Background(), s); err == nil || !strings.Contains(err.Error(), "append-only") {
			t.Errorf("%s: err = %v, want append-only refusal", s, err)
		}
	}
	rep, err := Verify(context.Background(), db, testKey.Public().(ed25519.PublicKey), 1)
	if err != nil || !rep.OK() || rep.Events != 2 {
		t.Errorf("after refused tampering: %+v, %v", rep, err)
	}
}

// TestVerifyDetectsAnyEditedColumn changes each column of event 3 of
// chain 1 in turn; Verify must name that event every time.
func TestVerifyDetectsAnyEditedColumn(t *testing.T) {
	flipped := make([]byte, 32)
	flipped[0] = 1
	tests := []struct {
		column string
		set    string
		arg    any
	}{
		{"created_at", "created_at = $1", t0.Add(time.Microsecond)},
		{"actor_type", "actor_type = actor_type || 'x'", nil},
		{"actor_id", "actor_id = actor_id || 'x'", nil},
		{"actor_label", "actor_label = actor_label || 'x'", nil},
		{"action", "action = action || 'x'", nil},
		{"target_type", "target_type = target_type || 'x'", nil},
		{"target_id", "target_id = target_id || 'x'", nil},
		{"details", "details = replace(details, 'key', 'kez')", nil},
		{"prev_hash", "prev_hash = $1", flipped},
		{"hash", "hash = $1", flipped},
		{"seq", "seq = 30", nil},
		{"org_id", "org_id = 2", nil},
	}
	for _, tt := range tests {
		t.Run(tt.column, func(t *testing.T) {
			db := storetest.Open(t)
			w := newWriter(t, db, &clock{t: t0})
			appendN(t, w, 1, 5)
			appendN(t, w, 2, 2)
			ctx := context.Background()
			if err := w.Close(ctx); err != nil {
				t.Fatal(err)
			}
			stmt := `UPDATE audit_events SET ` + tt.set + ` WHERE org_id = 1 AND seq = 3`
			if tt.arg != nil {
				attackWith(t, db, stmt, tt.arg)
			} else {
				attackWith(t, db, stmt)
			}
			rep, err := Verify(ctx, db, testKey.Public().(ed25519.PublicKey), AllChains)
			if err != nil {
				t.Fatal(err)
			}
			if p := rep.Problem; p == nil || p.OrgID != 1 || p.Seq != 3 {
				t.Errorf("problem = %v, want chain 1, event 3", p)
			}
		})
	}
}
