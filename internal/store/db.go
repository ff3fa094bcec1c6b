package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	_ "modernc.org/sqlite"             // registers the "sqlite" driver
)

// Dialect names the SQL database behind a DB.
type Dialect uint8

// The supported databases.
const (
	SQLite Dialect = iota
	Postgres
)

func (d Dialect) String() string {
	if d == Postgres {
		return "postgres"
	}
	return "sqlite"
}

// FileName is the SQLite database file under the data directory.
const FileName = "syncloud.db"

// Config says which database to open.
type Config struct {
	// DatabaseURL is a postgres:// or postgresql:// URL; empty means SQLite.
	DatabaseURL string
	// DataDir holds the SQLite file (DataDir/syncloud.db).
	DataDir string
	// MaxOpenConns bounds the read pool (and, on PostgreSQL, the only
	// pool); 0 means a default suited to the machine.
	MaxOpenConns int
	// SQLiteSynchronous is SQLite's synchronous setting: "full" (the
	// default: a commit survives power loss; one fsync per commit) or
	// "normal" (a commit survives a killed process but the last ones may
	// be lost with the machine; no fsync per commit in WAL mode).
	SQLiteSynchronous string
}

// DB is an open database. Reads go to a pool of connections; on SQLite,
// writes and transactions go to a separate pool of exactly one connection,
// so that writers queue in Go instead of failing with SQLITE_BUSY. On
// PostgreSQL both pools are the same.
type DB struct {
	Queries
	cfg     Config
	dialect Dialect
	read    *sql.DB
	write   *sql.DB
	// On SQLite, prepared statements of each pool; nil on PostgreSQL.
	readStmts, writeStmts *stmtCache
}

// Open connects to the configured database. It does not migrate; call
// Migrate.
func Open(ctx context.Context, cfg Config) (*DB, error) {
	var db *DB
	var err error
	if cfg.DatabaseURL != "" {
		db, err = openPostgres(cfg)
	} else {
		db, err = openSQLite(cfg)
	}
	if err != nil {
		return nil, err
	}
	db.cfg = cfg
	if err := db.Ping(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

func openPostgres(cfg Config) (*DB, error) {
	u, err := url.Parse(cfg.DatabaseURL)
	if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
		return nil, errors.New("open database: URL must start with postgres:// or postgresql://")
	}
	pool, err := sql.Open("pgx", cfg.DatabaseURL)
	if err != nil {
		return nil, fmt.Errorf("open postgres: %w", err)
	}
	n := cfg.MaxOpenConns
	if n == 0 {
		n = 4 * runtime.GOMAXPROCS(0)
	}
	pool.SetMaxOpenConns(n)
	pool.SetMaxIdleConns(n)
	db := &DB{dialect: Postgres, read: pool, write: pool}
	db.Queries = Queries{r: pool, w: pool, dialect: Postgres}
	return db, nil
}

// sqliteParams are the connection settings of every SQLite connection:
// WAL, foreign keys, a busy timeout, and times stored as integer
// microseconds since the epoch (exact, ordered, PostgreSQL's precision).
// synchronous=FULL (the default) makes every commit durable against power
// loss, not only against a crashed process; group commit keeps that
// affordable. Config.SQLiteSynchronous may relax it to NORMAL.
const sqliteParams = "_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)" +
	"&_time_integer_format=unix_micro&_inttotime=1&_pragma=synchronous"

// sqliteSync maps Config.SQLiteSynchronous to the pragma's argument.
func sqliteSync(setting string) (string, error) {
	switch strings.ToLower(setting) {
	case "", "full":
		return "(FULL)", nil
	case "normal":
		return "(NORMAL)", nil
	}
	return "", fmt.Errorf("open sqlite: synchronous must be full or normal, not %q", setting)
}

func openSQLite(cfg Config) (*DB, error) {
	if cfg.DataDir == "" {
		return nil, errors.New("open sqlite: data dir is empty")
	}
	if err := os.MkdirAll(cfg.DataDir, 0o700); err != nil {
		return nil, fmt.Errorf("open sqlite: %w", err)
	}
	sync, err := sqliteSync(cfg.SQLiteSynchronous)
	if err != nil {
		return nil, err
	}
	path := filepath.Join(cfg.DataDir, FileName)
	dsn := "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + sqliteParams + sync
	write, err := openSQLitePool(dsn+"&_txlock=immediate", 1)
	if err != nil {
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	n := cfg.MaxOpenConns
	if n == 0 {
		n = max(4, 2*runtime.GOMAXPROCS(0))
	}
	read, err := openSQLitePool(dsn+"&_pragma=query_only(1)", n)
	if err != nil {
		write.Close()
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	db := &DB{dialect: SQLite, read: read, write: write,
		readStmts: newStmtCache(read), writeStmts: newStmtCache(write)}
	db.Queries = Queries{r: cachedPool{read, db.readStmts}, w: cachedPool{write, db.writeStmts}, dialect: SQLite}
	return db, nil
}

// openSQLitePool opens a pool of n connections and makes one, so that the
// file exists and is in WAL mode before anything else happens.
func openSQLitePool(dsn string, n int) (*sql.DB, error) {
	pool, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, err
	}
	pool.SetMaxOpenConns(n)
	pool.SetMaxIdleConns(n)
	if _, err := pool.Exec("SELECT 1"); err != nil {
		pool.Close()
		return nil, mapError(err)
	}
	return pool, nil
}

// Config returns the configuration the database was opened with.
func (db *DB) Config() Config { return db.cfg }

// Dialect reports which database this is.
func (db *DB) Dialect() Dialect { return db.dialect }

// Ping checks that the database answers, for /readyz.
func (db *DB) Ping(ctx context.Context) error {
	if err := db.read.PingContext(ctx); err != nil {
		return fmt.Errorf("ping %s: %w", db.dialect, err)
	}
	if db.write != db.read {
		if err := db.write.PingContext(ctx); err != nil {
			return fmt.Errorf("ping %s writer: %w", db.dialect, err)
		}
	}
	return nil
}

// PoolStats are the connection pool statistics of a DB, for /metrics.
type PoolStats struct {
	Read  sql.DBStats
	Write sql.DBStats // equal to Read on PostgreSQL
}

// Stats returns the pools' statistics.
func (db *DB) Stats() PoolStats {
	return PoolStats{Read: db.read.Stats(), Write: db.write.Stats()}
}

// Close closes both pools.
func (db *DB) Close() error {
	if db.readStmts != nil {
		db.readStmts.close()
		db.writeStmts.close()
	}
	err := db.read.Close()
	if db.write != db.read {
		err = errors.Join(err, db.write.Close())
	}
	return err
}

// Tx is a transaction: every table method of Queries, run inside it.
type Tx struct {
	Queries
}

// Transact runs fn in a transaction on the write pool. It commits when fn
// returns nil and rolls back when fn returns an error or panics (the panic
// is re-raised).
func (db *DB) Transact(ctx context.Context, fn func(tx *Tx) error) (err error) {
	sqlTx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin transaction: %w", mapError(err))
	}
	var q querier = sqlTx
	if db.writeStmts != nil {
		q = cachedTx{sqlTx, db.writeStmts}
	}
	tx := &Tx{Queries: Queries{r: q, w: q, dialect: db.dialect}}
	defer func() {
		if p := recover(); p != nil {
			sqlTx.Rollback()
			panic(p)
		}
		if err != nil {
			sqlTx.Rollback()
			return
		}
		if cerr := sqlTx.Commit(); cerr != nil {
			err = fmt.Errorf("commit: %w", mapError(cerr))
		}
	}()
	return fn(tx)
}

// querier is what *sql.DB and *sql.Tx have in common.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// Queries holds every table method. DB and Tx both embed it: on a DB,
// reads use the read pool and writes the write pool; on a Tx, both run in
// the transaction. SQL uses $1-style parameters, which both drivers accept.
type Queries struct {
	r, w    querier
	dialect Dialect
}

// placeholders returns "(…),(…)" parameter markers for rows of cols
// values, for multi-row inserts: $1, $2, … on PostgreSQL and anonymous ?
// on SQLite, whose numbered parameters cost a linear name lookup each. It
// builds only markers, never values.
func (q *Queries) placeholders(rows, cols int) string {
	var b strings.Builder
	n := 1
	for i := 0; i < rows; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteByte('(')
		for j := 0; j < cols; j++ {
			if j > 0 {
				b.WriteByte(',')
			}
			if q.dialect == SQLite {
				b.WriteByte('?')
			} else {
				fmt.Fprintf(&b, "$%d", n)
			}
			n++
		}
		b.WriteByte(')')
	}
	return b.String()
}

// Raw returns the pool that writes go to, for maintenance commands and for
// tests that must go around the table methods (to simulate tampering, for
// one). Product code uses the table methods.
func (db *DB) Raw() *sql.DB { return db.write }
