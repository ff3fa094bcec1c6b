package auth

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// FailureCounts are the login failures seen within the window.
type FailureCounts struct {
	// Pair counts failures for this account from this IP.
	Pair int
	// Account counts failures for this account from anywhere.
	Account int
	// IP counts failures from this IP for any account.
	IP int
}

// FailureLog records failed logins and counts them: in the database's
// login_failures table by default (DBFailures), in Redis when configured
// (RedisFailures). Accounts are normalized emails, known or not.
type FailureLog interface {
	// Record notes one failure at t.
	Record(ctx context.Context, account, ip string, t time.Time) error
	// Count returns the failures since the given time.
	Count(ctx context.Context, account, ip string, since time.Time) (FailureCounts, error)
	// ClearPair forgets the failures of account from ip, after that pair
	// signed in successfully.
	ClearPair(ctx context.Context, account, ip string) error
}

// Limits bound failed logins within Window. They are designed so that an
// attacker cannot lock a real user out:
//
//   - PerPair failures of one account from one IP block that IP for that
//     account only; the user elsewhere is unaffected.
//   - PerIP failures from one IP, over any accounts, block that IP
//     (password spraying).
//   - PerAccount failures from all IPs together (a botnet) close the
//     account to new devices. A browser that signed in to the account
//     before carries a device cookie (DeviceCookies) and still gets in, so
//     the real user keeps access while the attacker is held to PerAccount
//     guesses per window.
//
// Refused attempts are not checked against the password, so they cannot be
// used as guesses.
type Limits struct {
	Window     time.Duration
	PerPair    int
	PerIP      int
	PerAccount int
}

// DefaultLimits allow 10 failures per account and IP, 100 per IP and 100
// per account in an hour.
var DefaultLimits = Limits{Window: time.Hour, PerPair: 10, PerIP: 100, PerAccount: 100}

// NormalizeEmail is the form of an email used for lookups and failure
// counting: trimmed and lower-cased.
func NormalizeEmail(email string) string {
	return strings.ToLower(strings.TrimSpace(email))
}

// guard applies Limits over a FailureLog.
type guard struct {
	log    FailureLog
	limits Limits
}

// allow reports whether a login attempt may be checked. trusted says the
// browser presented a valid device cookie for this account.
func (g guard) allow(ctx context.Context, account, ip string, now time.Time, trusted bool) error {
	c, err := g.log.Count(ctx, account, ip, now.Add(-g.limits.Window))
	if err != nil {
		return fmt.Errorf("count login failures: %w", err)
	}
	switch {
	case c.Pair >= g.limits.PerPair, c.IP >= g.limits.PerIP:
		return ErrTooManyAttempts
	case c.Account >= g.limits.PerAccount && !trusted:
		return ErrTooManyAttempts
	}
	return nil
}

func (g guard) fail(ctx context.Context, account, ip string, now time.Time) error {
	if err := g.log.Record(ctx, account, ip, now.UTC()); err != nil {
		return fmt.Errorf("record login failure: %w", err)
	}
	return nil
}
