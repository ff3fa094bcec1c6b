package web

import (
	"context"
	"fmt"
	"testing"
	"time"
)

// TestRedisLimiter runs the GCRA script on a real Redis: a burst is
// allowed, the next request waits one interval, and keys are independent.
func TestRedisLimiter(t *testing.T) {
	rdb := testRedis(t)
	if rdb == nil {
		t.Skip("SKIPPING Redis rate limit test: SYNCLOUD_TEST_REDIS_URL is not set (CI sets it)")
	}
	ctx := context.Background()
	now := time.Unix(1_700_000_000, 0)
	l := NewRedisLimiter(rdb, 2, 3) // 2/s, burst 3
	l.now = func() time.Time { return now }
	key := fmt.Sprintf("test-%d", time.Now().UnixNano())
	var got []bool
	for range 4 {
		ok, _, err := l.Allow(ctx, key)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, ok)
	}
	okOther, _, _ := l.Allow(ctx, key+"-other")
	_, wait, _ := l.Allow(ctx, key)
	now = now.Add(500 * time.Millisecond)
	okLater, _, _ := l.Allow(ctx, key)
	if fmt.Sprint(got) != "[true true true false]" || !okOther || !okLater || wait != 500*time.Millisecond {
		t.Errorf("allowed %v, other key %v, wait %v, after the wait %v", got, okOther, wait, okLater)
	}
}
