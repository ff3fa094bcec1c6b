// Package usage meters requests: every API and portal request is recorded
// in request_log (the privacy policy's promise) and counted per
// organization and day, cheaply and without losing any on shutdown.
//
// # API
//
//	m := usage.New(db, usage.Options{})   // flushes every second
//	m.Record(usage.RequestRecord{OrgID, UserID, APIKeyID, AgentID, RequestID, Method,
//	    Route, Status, Success, LatencyMS, IP, UserAgent, Browser, OS, Referrer, Prompt})
//	rep, err := m.Query(ctx, orgID, from, to, usage.GroupKey)  // flushes first
//	rep, err := usage.Query(ctx, db, orgID, from, to, groupBy) // no meter at hand
//	g, err := usage.ParseGroupBy(r.URL.Query().Get("group_by"))
//	err = m.Close(ctx)                    // after the HTTP server drained: flushes all
//	n, err := usage.PurgePrompts(ctx, db, time.Now())  // retention; run hourly
//
// The report marshals to the shape of GET /api/v1/usage:
//
//	{"total": {"requests": N, "succeeded": N, "failed": N,
//	           "latency_ms": {"p50": x, "p95": x, "p99": x}},
//	 "groups": [{"key": "12", "label": "ci", "requests": N, ...}]}
//
// # How it works
//
// Record appends to an in-memory buffer under a mutex: no I/O. A goroutine
// flushes every FlushInterval (1 s), or as soon as FlushAt records wait.
// A flush writes ChunkSize (250) records per transaction: the raw rows
// with multi-row INSERTs, and their counters aggregated in memory per
// (org, UTC day) and upserted into usage_daily (cheap to read for quotas).
// Small transactions keep SQLite's single writer free for audit events,
// whose latency callers wait on. A failed flush keeps the unwritten
// records for the next one (up to MaxPending). Close flushes what is left.
//
// Success is what the web layer says it is (2xx and 3xx, normally).
// Percentiles are computed in Go from the stored latencies of the period
// with the nearest-rank method (the smallest latency that at least p% of
// the requests do not exceed), so they are exact; a period is read in one
// query, which is fine for the volumes of a single organization's report.
package usage
