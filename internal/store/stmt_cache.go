package store

import (
	"context"
	"database/sql"
	"sync"
)

// SQLite parses a statement's SQL on every call unless it is prepared, and
// parsing was the largest cost of the hot queries (API key lookup,
// membership, audit head). stmtCache prepares each statement once per pool
// and database/sql keeps it prepared on every connection that runs it.
// PostgreSQL needs none of this: pgx caches prepared statements itself.

// Statements longer than maxCachedSQL (multi-row inserts) or beyond
// maxCachedStmts distinct ones run unprepared, so the cache stays small.
const (
	maxCachedSQL   = 2048
	maxCachedStmts = 256
)

// stmtCache holds the prepared statements of one pool. Its mutex is
// never held while preparing: on the one-connection SQLite write pool,
// preparing waits for the connection, which a transaction may hold while
// it looks up statements.
type stmtCache struct {
	pool    *sql.DB
	mu      sync.Mutex
	stmts   map[string]*sql.Stmt
	pending map[string]bool // being prepared in the background
}

func newStmtCache(pool *sql.DB) *stmtCache {
	return &stmtCache{pool: pool, stmts: map[string]*sql.Stmt{}, pending: map[string]bool{}}
}

// lookup returns the prepared statement for query if there is one.
func (c *stmtCache) lookup(query string) *sql.Stmt {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.stmts[query]
}

// cacheable reports whether query may join the cache.
func (c *stmtCache) cacheable(query string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(query) <= maxCachedSQL && len(c.stmts)+len(c.pending) < maxCachedStmts
}

// get returns the prepared statement for query, preparing it on the pool
// if needed; nil when it is not to be cached or does not prepare (the
// caller then runs it directly, which reports the error). Never call it
// while holding the pool's only connection.
func (c *stmtCache) get(query string) *sql.Stmt {
	if st := c.lookup(query); st != nil || !c.cacheable(query) {
		return st
	}
	st, err := c.pool.PrepareContext(context.Background(), query)
	if err != nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if have, ok := c.stmts[query]; ok { // prepared meanwhile by another caller
		st.Close()
		return have
	}
	c.stmts[query] = st
	return st
}

// prepareLater prepares query on the pool in the background, for a
// transaction that must not wait for its own connection.
func (c *stmtCache) prepareLater(query string) {
	if !c.cacheable(query) {
		return
	}
	c.mu.Lock()
	if c.pending[query] {
		c.mu.Unlock()
		return
	}
	c.pending[query] = true
	c.mu.Unlock()
	go func() {
		c.get(query)
		c.mu.Lock()
		delete(c.pending, query)
		c.mu.Unlock()
	}()
}

func (c *stmtCache) close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for q, st := range c.stmts {
		st.Close()
		delete(c.stmts, q)
	}
}

// cachedPool is a pool whose statements are prepared through a cache.
type cachedPool struct {
	*sql.DB
	cache *stmtCache
}

func (p cachedPool) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if st := p.cache.get(query); st != nil {
		return st.ExecContext(ctx, args...)
	}
	return p.DB.ExecContext(ctx, query, args...)
}

func (p cachedPool) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if st := p.cache.get(query); st != nil {
		return st.QueryContext(ctx, args...)
	}
	return p.DB.QueryContext(ctx, query, args...)
}

func (p cachedPool) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	if st := p.cache.get(query); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return p.DB.QueryRowContext(ctx, query, args...)
}

// cachedTx runs the write pool's cached statements inside a transaction;
// database/sql reuses the statement already prepared on the transaction's
// connection. A statement not cached yet runs directly and is prepared in
// the background for next time.
type cachedTx struct {
	*sql.Tx
	cache *stmtCache
}

func (t cachedTx) stmt(query string) *sql.Stmt {
	st := t.cache.lookup(query)
	if st == nil {
		t.cache.prepareLater(query)
	}
	return st
}

func (t cachedTx) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if st := t.stmt(query); st != nil {
		return t.Tx.StmtContext(ctx, st).ExecContext(ctx, args...)
	}
	return t.Tx.ExecContext(ctx, query, args...)
}

func (t cachedTx) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if st := t.stmt(query); st != nil {
		return t.Tx.StmtContext(ctx, st).QueryContext(ctx, args...)
	}
	return t.Tx.QueryContext(ctx, query, args...)
}

func (t cachedTx) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	if st := t.stmt(query); st != nil {
		return t.Tx.StmtContext(ctx, st).QueryRowContext(ctx, args...)
	}
	return t.Tx.QueryRowContext(ctx, query, args...)
}
