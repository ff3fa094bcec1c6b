package store

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"
)

//go:embed migrations
var migrationFiles embed.FS

// migration is one numbered SQL file.
type migration struct {
	version int
	name    string
	sql     string
}

// migrationLock is the PostgreSQL advisory lock key that serializes
// replicas migrating at the same time.
const migrationLock = 7_146_012_915

// Migrate applies every embedded migration not yet recorded in
// schema_migrations, in order, in one transaction. Running it again is a
// no-op; replicas starting together on PostgreSQL take turns.
func (db *DB) Migrate(ctx context.Context) error {
	all, err := loadMigrations(db.dialect)
	if err != nil {
		return err
	}
	return db.Transact(ctx, func(tx *Tx) error {
		if db.dialect == Postgres {
			if _, err := tx.w.ExecContext(ctx, `SELECT pg_advisory_xact_lock($1)`, migrationLock); err != nil {
				return fmt.Errorf("migrate: lock: %w", err)
			}
		}
		if _, err := tx.w.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
			version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMP NOT NULL)`); err != nil {
			return fmt.Errorf("migrate: create schema_migrations: %w", err)
		}
		applied, err := tx.appliedVersions(ctx)
		if err != nil {
			return err
		}
		for _, m := range all {
			if applied[m.version] {
				continue
			}
			if err := tx.apply(ctx, m); err != nil {
				return err
			}
		}
		return nil
	})
}

func (tx *Tx) apply(ctx context.Context, m migration) error {
	if _, err := tx.w.ExecContext(ctx, m.sql); err != nil {
		return fmt.Errorf("migrate %03d_%s: %w", m.version, m.name, err)
	}
	_, err := tx.w.ExecContext(ctx,
		`INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)`,
		m.version, m.name, time.Now().UTC())
	return wrap(err, "record migration %03d", m.version)
}

func (tx *Tx) appliedVersions(ctx context.Context) (map[int]bool, error) {
	rows, err := tx.r.QueryContext(ctx, `SELECT version FROM schema_migrations`)
	if err != nil {
		return nil, fmt.Errorf("migrate: read schema_migrations: %w", err)
	}
	defer rows.Close()
	applied := map[int]bool{}
	for rows.Next() {
		var v int
		if err := rows.Scan(&v); err != nil {
			return nil, fmt.Errorf("migrate: read schema_migrations: %w", err)
		}
		applied[v] = true
	}
	return applied, rows.Err()
}

// loadMigrations reads migrations/<dialect>/NNN_name.sql in version order.
func loadMigrations(d Dialect) ([]migration, error) {
	dir := path.Join("migrations", d.String())
	entries, err := fs.ReadDir(migrationFiles, dir)
	if err != nil {
		return nil, fmt.Errorf("read migrations: %w", err)
	}
	var out []migration
	for _, e := range entries {
		base, ok := strings.CutSuffix(e.Name(), ".sql")
		num, name, ok2 := strings.Cut(base, "_")
		v, err := strconv.Atoi(num)
		if !ok || !ok2 || err != nil {
			return nil, fmt.Errorf("migration file %s: want NNN_name.sql", e.Name())
		}
		b, err := fs.ReadFile(migrationFiles, path.Join(dir, e.Name()))
		if err != nil {
			return nil, fmt.Errorf("read migration: %w", err)
		}
		out = append(out, migration{version: v, name: name, sql: string(b)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].version < out[j].version })
	for i := range out {
		if out[i].version != i+1 {
			return nil, fmt.Errorf("migrations: version %d where %d was expected", out[i].version, i+1)
		}
	}
	return out, nil
}
