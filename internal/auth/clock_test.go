package auth

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// fakeClock is a settable clock for timeout tests.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func newFakeClock() *fakeClock {
	return &fakeClock{t: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// testRedis connects to SYNCLOUD_TEST_REDIS_URL and returns the client and
// a key prefix unique to the test, whose keys are deleted at the end. It
// skips loudly when the variable is unset (CI sets it).
func testRedis(t testing.TB) (*redis.Client, string) {
	t.Helper()
	rdb, prefix := optionalRedis(t)
	if rdb == nil {
		t.Skip("SKIPPING Redis test: SYNCLOUD_TEST_REDIS_URL is not set (CI sets it)")
	}
	return rdb, prefix
}

// optionalRedis is testRedis without the skip: nil when the variable is
// unset, so that a test runs on the database alone.
func optionalRedis(t testing.TB) (*redis.Client, string) {
	t.Helper()
	url := os.Getenv("SYNCLOUD_TEST_REDIS_URL")
	if url == "" {
		return nil, ""
	}
	opt, err := redis.ParseURL(url)
	if err != nil {
		t.Fatalf("SYNCLOUD_TEST_REDIS_URL: %v", err)
	}
	rdb := redis.NewClient(opt)
	var b [6]byte
	rand.Read(b[:])
	prefix := "authtest:" + hex.EncodeToString(b[:]) + ":"
	t.Cleanup(func() {
		ctx := context.Background()
		keys, _ := rdb.Keys(ctx, prefix+"*").Result()
		if len(keys) > 0 {
			rdb.Del(ctx, keys...)
		}
		rdb.Close()
	})
	if err := rdb.Ping(context.Background()).Err(); err != nil {
		t.Fatalf("redis at SYNCLOUD_TEST_REDIS_URL: %v", err)
	}
	return rdb, prefix
}
