package loadtest

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestRunCountsEveryAnswer(t *testing.T) {
	var served atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := served.Add(1)
		if r.Header.Get("Authorization") != "Bearer k" {
			t.Errorf("Authorization = %q", r.Header.Get("Authorization"))
		}
		w.Header().Set("X-Request-Id", strconv.FormatInt(n, 10))
		if n%10 == 0 {
			w.WriteHeader(http.StatusTooManyRequests)
		}
	}))
	defer srv.Close()
	res, err := Run(context.Background(), Load{URL: srv.URL, Key: "k", Body: []byte(`{}`), Concurrency: 4, Duration: 200 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	srv.Close()
	if int64(res.Requests) != served.Load() {
		t.Errorf("Requests = %d, server served %d", res.Requests, served.Load())
	}
	if res.OK+res.Statuses[429] != res.Requests || len(res.Acknowledged) != res.OK || len(res.Latencies) != res.Requests {
		t.Errorf("inconsistent result: %+v", res.Summary())
	}
}

func TestPercentile(t *testing.T) {
	r := &Result{}
	for i := 1; i <= 100; i++ {
		r.Latencies = append(r.Latencies, time.Duration(i)*time.Millisecond)
	}
	got := []time.Duration{r.Percentile(50), r.Percentile(99), r.Percentile(100), r.Percentile(0)}
	want := []time.Duration{50 * time.Millisecond, 99 * time.Millisecond, 100 * time.Millisecond, time.Millisecond}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("percentiles (-want +got):\n%s", diff)
	}
}
