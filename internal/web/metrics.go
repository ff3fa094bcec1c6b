package web

import (
	"cmp"
	"database/sql"
	"fmt"
	"io"
	"math"
	"net/http"
	"slices"
	"strconv"
	"sync"
	"time"
)

// latencyBuckets are the upper bounds, in seconds, of the latency histograms.
var latencyBuckets = []float64{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10}

// histogram is a Prometheus histogram: cumulative when written, per-bucket
// while counting.
type histogram struct {
	counts []uint64 // len(latencyBuckets)+1; the last is +Inf
	sum    float64
	n      uint64
}

func (h *histogram) observe(seconds float64) {
	if h.counts == nil {
		h.counts = make([]uint64, len(latencyBuckets)+1)
	}
	i, _ := slices.BinarySearch(latencyBuckets, seconds)
	h.counts[i]++
	h.sum += seconds
	h.n++
}

type seriesKey struct {
	route  string
	status int
}

// Metrics holds the server's Prometheus metrics, written by hand in the text
// exposition format: requests and latency by route pattern and status,
// generate latency, and the database pool's statistics.
type Metrics struct {
	mu       sync.Mutex
	requests map[seriesKey]*histogram
	generate histogram
	dbStats  func() []PoolStats
}

// PoolStats are one database connection pool's statistics, labelled with
// the pool's name ("read", "write").
type PoolStats struct {
	Pool  string
	Stats sql.DBStats
}

// NewMetrics returns empty metrics; dbStats, when not nil, is read at every
// scrape.
func NewMetrics(dbStats func() []PoolStats) *Metrics {
	return &Metrics{requests: make(map[seriesKey]*histogram), dbStats: dbStats}
}

// observeRequest counts one finished request under its route pattern (never
// its raw path, which would let a client create unbounded series).
func (m *Metrics) observeRequest(route string, status int, d time.Duration) {
	m.mu.Lock()
	defer m.mu.Unlock()
	k := seriesKey{route, status}
	h := m.requests[k]
	if h == nil {
		h = &histogram{}
		m.requests[k] = h
	}
	h.observe(d.Seconds())
}

// observeGenerate records the LML pipeline's time for one generate request.
func (m *Metrics) observeGenerate(d time.Duration) {
	m.mu.Lock()
	m.generate.observe(d.Seconds())
	m.mu.Unlock()
}

// ServeHTTP writes the metrics in Prometheus text format 0.0.4.
func (m *Metrics) ServeHTTP(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
	m.WriteTo(w)
}

// WriteTo writes every metric family to w.
func (m *Metrics) WriteTo(w io.Writer) (int64, error) {
	cw := &countingWriter{w: w}
	m.writeRequests(cw)
	m.mu.Lock()
	gen := m.generate
	gen.counts = slices.Clone(gen.counts)
	m.mu.Unlock()
	fmt.Fprint(cw, "# HELP syncloud_generate_duration_seconds Time spent in the LML pipeline per generate request.\n# TYPE syncloud_generate_duration_seconds histogram\n")
	writeHistogram(cw, "syncloud_generate_duration_seconds", "", &gen)
	if m.dbStats != nil {
		writeDBStats(cw, m.dbStats())
	}
	return cw.n, cw.err
}

func (m *Metrics) writeRequests(w io.Writer) {
	m.mu.Lock()
	keys := make([]seriesKey, 0, len(m.requests))
	snap := make(map[seriesKey]histogram, len(m.requests))
	for k, h := range m.requests {
		keys = append(keys, k)
		snap[k] = histogram{counts: slices.Clone(h.counts), sum: h.sum, n: h.n}
	}
	m.mu.Unlock()
	slices.SortFunc(keys, func(a, b seriesKey) int {
		return cmp.Or(cmp.Compare(a.route, b.route), cmp.Compare(a.status, b.status))
	})
	fmt.Fprint(w, "# HELP syncloud_http_requests_total HTTP requests served, by route pattern and status.\n# TYPE syncloud_http_requests_total counter\n")
	for _, k := range keys {
		fmt.Fprintf(w, "syncloud_http_requests_total{%s} %d\n", labels(k), snap[k].n)
	}
	fmt.Fprint(w, "# HELP syncloud_http_request_duration_seconds HTTP request latency, by route pattern and status.\n# TYPE syncloud_http_request_duration_seconds histogram\n")
	for _, k := range keys {
		h := snap[k]
		writeHistogram(w, "syncloud_http_request_duration_seconds", labels(k), &h)
	}
}

func labels(k seriesKey) string {
	return "route=" + strconv.Quote(k.route) + ",status=\"" + strconv.Itoa(k.status) + "\""
}

func writeHistogram(w io.Writer, name, lbl string, h *histogram) {
	sep := ""
	if lbl != "" {
		sep = ","
	}
	var cum uint64
	for i, le := range latencyBuckets {
		if h.counts != nil {
			cum += h.counts[i]
		}
		fmt.Fprintf(w, "%s_bucket{%s%sle=\"%s\"} %d\n", name, lbl, sep, strconv.FormatFloat(le, 'g', -1, 64), cum)
	}
	fmt.Fprintf(w, "%s_bucket{%s%sle=\"+Inf\"} %d\n", name, lbl, sep, h.n)
	braced := ""
	if lbl != "" {
		braced = "{" + lbl + "}"
	}
	fmt.Fprintf(w, "%s_sum%s %s\n", name, braced, formatFloat(h.sum))
	fmt.Fprintf(w, "%s_count%s %d\n", name, braced, h.n)
}

// dbMetrics are the pool statistics exported, each a function of one pool.
var dbMetrics = []struct {
	name, typ, help string
	value           func(sql.DBStats) float64
}{
	{"syncloud_db_open_connections", "gauge", "Open database connections.", func(s sql.DBStats) float64 { return float64(s.OpenConnections) }},
	{"syncloud_db_in_use_connections", "gauge", "Database connections in use.", func(s sql.DBStats) float64 { return float64(s.InUse) }},
	{"syncloud_db_idle_connections", "gauge", "Idle database connections.", func(s sql.DBStats) float64 { return float64(s.Idle) }},
	{"syncloud_db_max_open_connections", "gauge", "Maximum open database connections.", func(s sql.DBStats) float64 { return float64(s.MaxOpenConnections) }},
	{"syncloud_db_wait_count_total", "counter", "Connections waited for.", func(s sql.DBStats) float64 { return float64(s.WaitCount) }},
	{"syncloud_db_wait_duration_seconds_total", "counter", "Time spent waiting for a connection.", func(s sql.DBStats) float64 { return s.WaitDuration.Seconds() }},
}

func writeDBStats(w io.Writer, pools []PoolStats) {
	for _, m := range dbMetrics {
		fmt.Fprintf(w, "# HELP %s %s\n# TYPE %s %s\n", m.name, m.help, m.name, m.typ)
		for _, p := range pools {
			fmt.Fprintf(w, "%s{pool=%s} %s\n", m.name, strconv.Quote(p.Pool), formatFloat(m.value(p.Stats)))
		}
	}
}

func formatFloat(f float64) string {
	if math.IsInf(f, 1) {
		return "+Inf"
	}
	return strconv.FormatFloat(f, 'g', -1, 64)
}

type countingWriter struct {
	w   io.Writer
	n   int64
	err error
}

func (c *countingWriter) Write(p []byte) (int, error) {
	if c.err != nil {
		return 0, c.err
	}
	n, err := c.w.Write(p)
	c.n += int64(n)
	c.err = err
	return n, err
}
