package store_test

import (
	"context"
	"errors"
	"sync"
	"testing"

	"github.com/syncloud/syncloud/internal/store"
	"github.com/syncloud/syncloud/internal/store/storetest"
)

func TestOpenRejects(t *testing.T) {
	ctx := context.Background()
	for _, cfg := range []store.Config{
		{},                               // no data dir
		{DatabaseURL: "mysql://x/y"},     // not PostgreSQL
		{DataDir: "/proc/no/such/place"}, // cannot create
		{DataDir: t.TempDir(), SQLiteSynchronous: "off"},
	} {
		if db, err := store.Open(ctx, cfg); err == nil {
			db.Close()
			t.Errorf("Open(%+v) succeeded", cfg)
		}
	}
}

func TestPingAndStats(t *testing.T) {
	db := storetest.Open(t)
	if err := db.Ping(context.Background()); err != nil {
		t.Fatal(err)
	}
	st := db.Stats()
	if st.Read.MaxOpenConnections <= 0 || st.Write.MaxOpenConnections <= 0 {
		t.Errorf("Stats = %+v, want bounded pools", st)
	}
	if db.Dialect() == store.SQLite && st.Write.MaxOpenConnections != 1 {
		t.Errorf("SQLite write pool has %d connections, want 1", st.Write.MaxOpenConnections)
	}
}

// TestConcurrentMigrate has two replicas (two handles) migrate one new
// database at once: both succeed, and each migration runs once.
func TestConcurrentMigrate(t *testing.T) {
	ctx := context.Background()
	cfg := storetest.EmptyConfig(t)
	var wg sync.WaitGroup
	errs := make([]error, 2)
	dbs := make([]*store.DB, 2)
	for i := range dbs {
		db, err := store.Open(ctx, cfg)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		dbs[i] = db
	}
	for i, db := range dbs {
		wg.Add(1)
		go func() { defer wg.Done(); errs[i] = db.Migrate(ctx) }()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
	var n int
	want := migrationCount(t, dbs[0])
	if err := dbs[0].Raw().QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations`).Scan(&n); err != nil || n != want {
		t.Errorf("schema_migrations rows = %d, %v; want %d", n, err, want)
	}
}

func TestSQLiteSynchronous(t *testing.T) {
	ctx := context.Background()
	for setting, want := range map[string]int{"": 2, "full": 2, "NORMAL": 1} {
		db, err := store.Open(ctx, store.Config{DataDir: t.TempDir(), SQLiteSynchronous: setting})
		if err != nil {
			t.Fatal(err)
		}
		var got int
		if err := db.Raw().QueryRowContext(ctx, `PRAGMA synchronous`).Scan(&got); err != nil || got != want {
			t.Errorf("synchronous %q: PRAGMA synchronous = %d, %v; want %d", setting, got, err, want)
		}
		db.Close()
	}
}
