package auth

import (
	"context"
	"time"

	"github.com/syncloud/syncloud/internal/store"
)

// DBFailures is a FailureLog in the database's login_failures table: the
// embedded default when Redis is not configured.
type DBFailures struct {
	db *store.DB
}

// NewDBFailures returns a database failure log.
func NewDBFailures(db *store.DB) *DBFailures { return &DBFailures{db: db} }

// Record notes one failure at t.
func (f *DBFailures) Record(ctx context.Context, account, ip string, t time.Time) error {
	return f.db.RecordLoginFailure(ctx, account, ip, t)
}

// Count returns the failures since the given time.
func (f *DBFailures) Count(ctx context.Context, account, ip string, since time.Time) (FailureCounts, error) {
	var c FailureCounts
	var err error
	if c.Pair, err = f.db.CountLoginFailuresByAccountAndIP(ctx, account, ip, since); err != nil {
		return c, err
	}
	if c.Account, err = f.db.CountLoginFailures(ctx, account, since); err != nil {
		return c, err
	}
	c.IP, err = f.db.CountLoginFailuresByIP(ctx, ip, since)
	return c, err
}

// ClearPair forgets the failures of account from ip.
func (f *DBFailures) ClearPair(ctx context.Context, account, ip string) error {
	return f.db.ClearLoginFailures(ctx, account, ip)
}
