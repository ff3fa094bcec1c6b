package store

import (
	"context"
	"testing"
	"time"
)

// TestStmtCacheInsideTransaction runs statements for the first time inside
// a transaction on SQLite's one-connection write pool: they must not wait
// for that connection (which the transaction holds), and they are prepared
// in the background for the next use.
func TestStmtCacheInsideTransaction(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	db, err := Open(ctx, Config{DataDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	const query = `SELECT count(*) FROM organizations WHERE slug = $1`
	for i := 0; i < 2; i++ {
		err := db.Transact(ctx, func(tx *Tx) error {
			if err := tx.CreateOrganization(ctx, &Organization{Name: "acme"}); err != nil {
				return err
			}
			var n int
			return tx.r.QueryRowContext(ctx, query, "acme").Scan(&n)
		})
		if err != nil {
			t.Fatalf("transaction %d: %v", i, err)
		}
	}
	for db.writeStmts.lookup(query) == nil { // prepared once the connection is free
		select {
		case <-ctx.Done():
			t.Fatal("statement used in a transaction was never prepared")
		case <-time.After(5 * time.Millisecond):
		}
	}
	var n int
	if err := db.r.QueryRowContext(ctx, query, "acme").Scan(&n); err != nil || n != 1 {
		t.Errorf("cached read = %d, %v", n, err)
	}
	if db.readStmts.lookup(query) == nil {
		t.Error("read pool did not cache the statement")
	}
	long := `SELECT 1` + string(make([]byte, maxCachedSQL)) // never cached
	if db.readStmts.get(long) != nil {
		t.Error("a statement over maxCachedSQL was cached")
	}
}
