package web

import (
	"context"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"
)

// gcra is the generic cell rate algorithm as one atomic Redis script: the
// key holds the theoretical arrival time (TAT) in microseconds; a request is
// allowed when TAT - now <= burst tolerance. It returns {allowed, retry_us}.
var gcra = redis.NewScript(`
local now = tonumber(ARGV[1])
local interval = tonumber(ARGV[2])
local tolerance = tonumber(ARGV[3])
local tat = tonumber(redis.call("GET", KEYS[1]) or now)
if tat < now then tat = now end
local new_tat = tat + interval
local allow_at = new_tat - tolerance - interval
if allow_at > now then
  return {0, allow_at - now}
end
redis.call("SET", KEYS[1], new_tat, "PX", math.ceil((new_tat - now) / 1000) + 1000)
return {1, 0}
`)

// RedisLimiter is a Limiter shared by every replica through Redis, with the
// same rate and burst semantics as MemoryLimiter.
type RedisLimiter struct {
	rdb       redis.UniversalClient
	interval  time.Duration
	tolerance time.Duration
	now       func() time.Time
}

// NewRedisLimiter returns a limiter of rate requests per second with bursts
// of burst, keeping its state in rdb under "syncloud:rl:".
func NewRedisLimiter(rdb redis.UniversalClient, rate float64, burst int) *RedisLimiter {
	interval := time.Duration(float64(time.Second) / rate)
	return &RedisLimiter{rdb: rdb, interval: interval, tolerance: interval * time.Duration(burst-1), now: time.Now}
}

// Allow runs the GCRA script for key.
func (l *RedisLimiter) Allow(ctx context.Context, key string) (bool, time.Duration, error) {
	args := []any{l.now().UnixMicro(), l.interval.Microseconds(), l.tolerance.Microseconds()}
	res, err := gcra.Run(ctx, l.rdb, []string{"syncloud:rl:" + key}, args...).Int64Slice()
	if err != nil {
		return false, 0, fmt.Errorf("redis rate limit: %w", err)
	}
	return res[0] == 1, time.Duration(res[1]) * time.Microsecond, nil
}
