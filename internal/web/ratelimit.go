package web

import (
	"context"
	"fmt"
	"math"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// Limiter decides whether one more request of a caller fits its rate. When
// it does not, retryAfter says when the next one will.
type Limiter interface {
	Allow(ctx context.Context, key string) (ok bool, retryAfter time.Duration, err error)
}

// noLimit allows everything; used when rate limiting is off.
type noLimit struct{}

func (noLimit) Allow(context.Context, string) (bool, time.Duration, error) { return true, 0, nil }

// MemoryLimiter is a token-bucket Limiter for one process: rate tokens per
// second, up to burst. Buckets idle long enough to be full are dropped.
type MemoryLimiter struct {
	rate    float64
	burst   float64
	now     func() time.Time
	mu      sync.Mutex
	buckets map[string]*bucket
	sweepAt time.Time
}

type bucket struct {
	tokens float64
	at     time.Time
}

// NewMemoryLimiter returns a limiter allowing rate requests per second per
// key with bursts of burst.
func NewMemoryLimiter(rate float64, burst int, now func() time.Time) *MemoryLimiter {
	if now == nil {
		now = time.Now
	}
	return &MemoryLimiter{rate: rate, burst: float64(burst), now: now, buckets: map[string]*bucket{}}
}

// Allow takes a token from key's bucket if there is one.
func (l *MemoryLimiter) Allow(_ context.Context, key string) (bool, time.Duration, error) {
	now := l.now()
	l.mu.Lock()
	defer l.mu.Unlock()
	l.sweep(now)
	b := l.buckets[key]
	if b == nil {
		b = &bucket{tokens: l.burst, at: now}
		l.buckets[key] = b
	}
	b.tokens = math.Min(l.burst, b.tokens+now.Sub(b.at).Seconds()*l.rate)
	b.at = now
	if b.tokens >= 1 {
		b.tokens--
		return true, 0, nil
	}
	wait := time.Duration((1 - b.tokens) / l.rate * float64(time.Second))
	return false, wait, nil
}

// sweep drops buckets that have refilled completely, once a minute.
func (l *MemoryLimiter) sweep(now time.Time) {
	if now.Before(l.sweepAt) {
		return
	}
	l.sweepAt = now.Add(time.Minute)
	full := time.Duration(l.burst / l.rate * float64(time.Second))
	for k, b := range l.buckets {
		if now.Sub(b.at) > full {
			delete(l.buckets, k)
		}
	}
}

// limitKey names the bucket a request draws from: its API key, agent or
// user, or its client IP when unauthenticated.
func limitKey(r *http.Request) string {
	p, ok := principal(r.Context())
	switch {
	case !ok:
		return "ip:" + clientIP(r.Context())
	case p.KeyID != 0:
		return "key:" + strconv.FormatInt(p.KeyID, 10)
	case p.AgentID != 0:
		return "agent:" + strconv.FormatInt(p.AgentID, 10)
	}
	return "user:" + strconv.FormatInt(p.UserID, 10)
}

// rateLimit answers 429 with Retry-After when the caller is over its rate.
// A limiter that fails (Redis down) lets the request through and logs:
// availability over strictness.
func (s *Server) rateLimit(next handlerFunc) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		ok, wait, err := s.limiter.Allow(r.Context(), limitKey(r))
		if err != nil {
			s.log.WarnContext(r.Context(), "rate limiter unavailable", "error", err)
			return next(w, r)
		}
		if !ok {
			w.Header().Set("Retry-After", fmt.Sprint(int(math.Ceil(wait.Seconds()))))
			return errRateLimited
		}
		return next(w, r)
	}
}
