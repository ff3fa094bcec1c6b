// Package storetest gives tests a fresh, migrated database of the kind the
// environment selects: SQLite in t.TempDir() by default, PostgreSQL when
// SYNCLOUD_TEST_DATABASE_URL is set (each test then gets its own schema,
// dropped at the end). CI runs the suite once each way.
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"testing"

	"github.com/syncloud/syncloud/internal/store"
)

// EnvDatabaseURL names the PostgreSQL server tests use when set.
const EnvDatabaseURL = "SYNCLOUD_TEST_DATABASE_URL"

// Open returns a migrated database for one test, closed (and, on
// PostgreSQL, dropped) when the test ends.
func Open(t testing.TB) *store.DB {
	t.Helper()
	if u := os.Getenv(EnvDatabaseURL); u != "" {
		return openPostgres(t, u)
	}
	return SQLite(t)
}

// SQLite returns a migrated SQLite database in a temporary directory,
// whatever the environment says.
func SQLite(t testing.TB) *store.DB {
	t.Helper()
	return openAndMigrate(t, store.Config{DataDir: t.TempDir()})
}

// Postgres returns a migrated PostgreSQL database in a fresh schema, or
// skips the test loudly when SYNCLOUD_TEST_DATABASE_URL is not set. Use it
// for behaviour only PostgreSQL has (triggers refusing TRUNCATE, many
// writers).
func Postgres(t testing.TB) *store.DB {
	t.Helper()
	u := os.Getenv(EnvDatabaseURL)
	if u == "" {
		t.Skip("SKIPPED: needs PostgreSQL; set " + EnvDatabaseURL + " (CI does)")
	}
	return openPostgres(t, u)
}

func openPostgres(t testing.TB, rawURL string) *store.DB {
	t.Helper()
	return openAndMigrate(t, postgresConfig(t, rawURL))
}

// EmptyConfig returns the configuration of a fresh, unmigrated database of
// the kind the environment selects, for tests of Open and Migrate
// themselves.
func EmptyConfig(t testing.TB) store.Config {
	t.Helper()
	if u := os.Getenv(EnvDatabaseURL); u != "" {
		return postgresConfig(t, u)
	}
	return store.Config{DataDir: t.TempDir()}
}

// postgresConfig creates a schema for one test, dropped when it ends, and
// returns a configuration whose search_path is that schema.
func postgresConfig(t testing.TB, rawURL string) store.Config {
	t.Helper()
	admin, err := sql.Open("pgx", rawURL)
	if err != nil {
		t.Fatalf("storetest: %v", err)
	}
	defer admin.Close()
	var b [6]byte
	rand.Read(b[:])
	schema := "test_" + hex.EncodeToString(b[:])
	if _, err := admin.Exec("CREATE SCHEMA " + schema); err != nil { // name is ours, hex only
		t.Fatalf("storetest: create schema: %v", err)
	}
	t.Cleanup(func() { dropSchema(t, rawURL, schema) })
	u, err := url.Parse(rawURL)
	if err != nil {
		t.Fatalf("storetest: %v", err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return store.Config{DatabaseURL: u.String(), MaxOpenConns: 8}
}

func dropSchema(t testing.TB, rawURL, schema string) {
	admin, err := sql.Open("pgx", rawURL)
	if err != nil {
		t.Errorf("storetest: %v", err)
		return
	}
	defer admin.Close()
	if _, err := admin.Exec("DROP SCHEMA " + schema + " CASCADE"); err != nil {
		t.Errorf("storetest: drop schema: %v", err)
	}
}

// Replica opens a second handle on db's database, as another replica (or
// another process on the same SQLite file) would, closed when the test
// ends. It is not migrated again.
func Replica(t testing.TB, db *store.DB) *store.DB {
	t.Helper()
	other, err := store.Open(context.Background(), db.Config())
	if err != nil {
		t.Fatalf("storetest: open replica: %v", err)
	}
	t.Cleanup(func() { other.Close() })
	return other
}

func openAndMigrate(t testing.TB, cfg store.Config) *store.DB {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, cfg)
	if err != nil {
		t.Fatalf("storetest: open: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.Migrate(ctx); err != nil {
		t.Fatalf("storetest: migrate: %v", err)
	}
	return db
}
