// Package loadtest drives a running SynCloud server with concurrent API
// clients and reports throughput, latency percentiles and statuses; the
// `syncloud bench` command builds the load benchmark and the kill -9 test
// from it.
package loadtest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"sync"
	"time"
)

// Load describes one run: Concurrency clients each POSTing Body to URL with
// Key as bearer token, back to back, until Duration passes or ctx ends.
type Load struct {
	URL         string
	Key         string
	Body        []byte
	Concurrency int
	Duration    time.Duration
	// Client defaults to one with a keep-alive connection per worker.
	Client *http.Client
}

// Result is what a run observed. Acknowledged holds the X-Request-Id of
// every 2xx answer, for checking after a crash that each was audited.
type Result struct {
	Elapsed      time.Duration
	Requests     int // answered with any status
	OK           int // 2xx
	Statuses     map[int]int
	Errors       int // transport failures (refused, reset)
	FirstError   string
	Latencies    []time.Duration // of every answered request, sorted
	Acknowledged []string
}

// worker is one client's tally, merged at the end so that workers share no
// lock while running.
type worker struct {
	lat      []time.Duration
	statuses map[int]int
	errors   int
	firstErr string
	acked    []string
}

// Run executes the load and returns its result.
func Run(ctx context.Context, l Load) (*Result, error) {
	if l.Concurrency <= 0 || l.Duration <= 0 || l.URL == "" {
		return nil, errors.New("loadtest: URL, positive concurrency and duration are required")
	}
	if l.Client == nil {
		l.Client = &http.Client{Transport: &http.Transport{
			MaxIdleConns: l.Concurrency, MaxIdleConnsPerHost: l.Concurrency, IdleConnTimeout: time.Minute,
		}, Timeout: 30 * time.Second}
	}
	ctx, cancel := context.WithTimeout(ctx, l.Duration)
	defer cancel()
	workers := make([]*worker, l.Concurrency)
	var wg sync.WaitGroup
	start := time.Now()
	for i := range workers {
		workers[i] = &worker{statuses: map[int]int{}}
		wg.Go(func() { workers[i].loop(ctx, &l) })
	}
	wg.Wait()
	return merge(workers, time.Since(start)), nil
}

func (w *worker) loop(ctx context.Context, l *Load) {
	for ctx.Err() == nil {
		t0 := time.Now()
		status, id, err := post(ctx, l)
		if ctx.Err() != nil && err != nil {
			return // the run ended mid-request: not an error of the server
		}
		if err != nil {
			w.errors++
			if w.firstErr == "" {
				w.firstErr = err.Error()
			}
			time.Sleep(10 * time.Millisecond) // a dead server must not spin the CPU
			continue
		}
		w.lat = append(w.lat, time.Since(t0))
		w.statuses[status]++
		if status/100 == 2 {
			w.acked = append(w.acked, id)
		}
	}
}

// post sends one request and reads the whole answer, so that the
// connection is reused.
func post(ctx context.Context, l *Load) (int, string, error) {
	req, err := http.NewRequestWithContext(context.WithoutCancel(ctx), http.MethodPost, l.URL, bytes.NewReader(l.Body))
	if err != nil {
		return 0, "", err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+l.Key)
	req.Header.Set("User-Agent", "syncloud-bench/1")
	resp, err := l.Client.Do(req)
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	if _, err := io.Copy(io.Discard, resp.Body); err != nil {
		return 0, "", fmt.Errorf("read answer: %w", err)
	}
	return resp.StatusCode, resp.Header.Get("X-Request-Id"), nil
}

func merge(ws []*worker, elapsed time.Duration) *Result {
	r := &Result{Elapsed: elapsed, Statuses: map[int]int{}}
	for _, w := range ws {
		r.Latencies = append(r.Latencies, w.lat...)
		r.Acknowledged = append(r.Acknowledged, w.acked...)
		for s, n := range w.statuses {
			r.Statuses[s] += n
			r.Requests += n
			if s/100 == 2 {
				r.OK += n
			}
		}
		r.Errors += w.errors
		if r.FirstError == "" {
			r.FirstError = w.firstErr
		}
	}
	slices.Sort(r.Latencies)
	return r
}

// Rate is the answered requests per second.
func (r *Result) Rate() float64 { return float64(r.Requests) / r.Elapsed.Seconds() }

// Percentile returns the latency below which p (0..100) percent of answered
// requests fell, by the nearest-rank method.
func (r *Result) Percentile(p float64) time.Duration {
	if len(r.Latencies) == 0 {
		return 0
	}
	i := int(float64(len(r.Latencies))*p/100+0.999999) - 1
	return r.Latencies[min(max(i, 0), len(r.Latencies)-1)]
}

// Summary is the result as one human line.
func (r *Result) Summary() string {
	return fmt.Sprintf("%d requests in %.1fs = %.0f req/s; 2xx %d, other statuses %v, transport errors %d; latency p50 %s p95 %s p99 %s max %s",
		r.Requests, r.Elapsed.Seconds(), r.Rate(), r.OK, r.nonOK(), r.Errors,
		r.Percentile(50).Round(10*time.Microsecond), r.Percentile(95).Round(10*time.Microsecond),
		r.Percentile(99).Round(10*time.Microsecond), r.Percentile(100).Round(10*time.Microsecond))
}

func (r *Result) nonOK() map[int]int {
	out := map[int]int{}
	for s, n := range r.Statuses {
		if s/100 != 2 {
			out[s] = n
		}
	}
	return out
}
