package auth

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"
)

// RedisFailures is a FailureLog in Redis: one sorted set of failure times
// per pair, account and IP, each expiring a window after its last entry.
type RedisFailures struct {
	rdb    redis.UniversalClient
	prefix string
	window time.Duration
}

// NewRedisFailures returns a Redis failure log; keys start with prefix,
// entries older than window are dropped.
func NewRedisFailures(rdb redis.UniversalClient, prefix string, window time.Duration) *RedisFailures {
	return &RedisFailures{rdb: rdb, prefix: prefix, window: window}
}

func (f *RedisFailures) keys(account, ip string) (pair, acct, addr string) {
	p := f.prefix + "login_failures:"
	return p + "pair:" + strconv.Quote(account) + ":" + ip, p + "account:" + strconv.Quote(account), p + "ip:" + ip
}

// Record notes one failure at t.
func (f *RedisFailures) Record(ctx context.Context, account, ip string, t time.Time) error {
	var nonce [8]byte
	rand.Read(nonce[:])
	member := redis.Z{Score: float64(t.UnixMicro()), Member: hex.EncodeToString(nonce[:])}
	cutoff := strconv.FormatInt(t.Add(-f.window).UnixMicro(), 10)
	pair, acct, addr := f.keys(account, ip)
	_, err := f.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		for _, k := range []string{pair, acct, addr} {
			p.ZAdd(ctx, k, member)
			p.ZRemRangeByScore(ctx, k, "-inf", "("+cutoff)
			p.Expire(ctx, k, f.window)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("redis record login failure: %w", err)
	}
	return nil
}

// Count returns the failures since the given time.
func (f *RedisFailures) Count(ctx context.Context, account, ip string, since time.Time) (FailureCounts, error) {
	from := strconv.FormatInt(since.UnixMicro(), 10)
	pair, acct, addr := f.keys(account, ip)
	var cmds [3]*redis.IntCmd
	_, err := f.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for i, k := range []string{pair, acct, addr} {
			cmds[i] = p.ZCount(ctx, k, from, "+inf")
		}
		return nil
	})
	if err != nil {
		return FailureCounts{}, fmt.Errorf("redis count login failures: %w", err)
	}
	return FailureCounts{Pair: int(cmds[0].Val()), Account: int(cmds[1].Val()), IP: int(cmds[2].Val())}, nil
}

// ClearPair forgets the failures of account from ip.
func (f *RedisFailures) ClearPair(ctx context.Context, account, ip string) error {
	pair, _, _ := f.keys(account, ip)
	if err := f.rdb.Del(ctx, pair).Err(); err != nil {
		return fmt.Errorf("redis clear login failures: %w", err)
	}
	return nil
}
