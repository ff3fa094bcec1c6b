package store_test

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/syncloud/syncloud/internal/store"
	"github.com/syncloud/syncloud/internal/store/storetest"
)

// TestDialectsHaveSameSchema compares the tables and columns the two
// migration sets create, so that they cannot drift apart.
func TestDialectsHaveSameSchema(t *testing.T) {
	pg := storetest.Postgres(t)
	lite := storetest.SQLite(t)
	ctx := context.Background()
	want := columns(t, ctx, lite)
	if len(want) < 13 { // at least the 12 tables of 001-003 and schema_migrations
		t.Fatalf("SQLite has only %d tables: %v", len(want), want)
	}
	if diff := cmp.Diff(want, columns(t, ctx, pg)); diff != "" {
		t.Errorf("schema (-sqlite +postgres):\n%s", diff)
	}
}

// columns maps each table to its column names in order.
func columns(t *testing.T, ctx context.Context, db *store.DB) map[string][]string {
	t.Helper()
	query := `SELECT m.name, p.name FROM sqlite_master m, pragma_table_info(m.name) p
		WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' ORDER BY m.name, p.cid`
	if db.Dialect() == store.Postgres {
		query = `SELECT table_name, column_name FROM information_schema.columns
			WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position`
	}
	rows, err := db.Raw().QueryContext(ctx, query)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string][]string{}
	for rows.Next() {
		var table, col string
		if err := rows.Scan(&table, &col); err != nil {
			t.Fatal(err)
		}
		out[table] = append(out[table], col)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}
