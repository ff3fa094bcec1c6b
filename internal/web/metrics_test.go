package web

import (
	"database/sql"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestMetricsExposition(t *testing.T) {
	m := NewMetrics(func() []PoolStats {
		return []PoolStats{{Pool: "read", Stats: sql.DBStats{OpenConnections: 3, MaxOpenConnections: 8}}}
	})
	m.observeRequest("POST /api/v1/generate", 200, 3*time.Millisecond)
	m.observeRequest("POST /api/v1/generate", 200, 30*time.Millisecond)
	m.observeRequest("POST /api/v1/generate", 429, time.Millisecond)
	m.observeGenerate(2 * time.Millisecond)
	rec := httptest.NewRecorder()
	m.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	body := rec.Body.String()
	for _, want := range []string{
		`syncloud_http_requests_total{route="POST /api/v1/generate",status="200"} 2`,
		`syncloud_http_requests_total{route="POST /api/v1/generate",status="429"} 1`,
		`syncloud_http_request_duration_seconds_bucket{route="POST /api/v1/generate",status="200",le="0.005"} 1`,
		`syncloud_http_request_duration_seconds_bucket{route="POST /api/v1/generate",status="200",le="0.05"} 2`,
		`syncloud_http_request_duration_seconds_bucket{route="POST /api/v1/generate",status="200",le="+Inf"} 2`,
		`syncloud_http_request_duration_seconds_count{route="POST /api/v1/generate",status="200"} 2`,
		`syncloud_generate_duration_seconds_bucket{le="0.0025"} 1`,
		`syncloud_generate_duration_seconds_count 1`,
		`syncloud_db_open_connections{pool="read"} 3`,
		`# TYPE syncloud_db_wait_count_total counter`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics lack %q\n%s", want, body)
		}
	}
	if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "text/plain; version=0.0.4") {
		t.Errorf("Content-Type = %q", ct)
	}
}

func BenchmarkObserveRequest(b *testing.B) {
	m := NewMetrics(nil)
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			m.observeRequest("POST /api/v1/generate", 200, 4*time.Millisecond)
		}
	})
}
