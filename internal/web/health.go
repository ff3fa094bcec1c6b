package web

import (
	"context"
	"net/http"
	"time"
)

// healthz answers while the process is up; it checks nothing else, so that
// an orchestrator does not restart a replica for a database outage.
func (s *Server) healthz(w http.ResponseWriter, _ *http.Request) error {
	return writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}

// readyz pings every dependency and answers 503 naming the ones that fail.
func (s *Server) readyz(w http.ResponseWriter, r *http.Request) error {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	checks := map[string]string{}
	status := http.StatusOK
	for _, c := range s.deps.Ready {
		if err := c.Ping(ctx); err != nil {
			s.log.WarnContext(ctx, "readiness check failed", "check", c.Name, "error", err)
			checks[c.Name] = "unavailable"
			status = http.StatusServiceUnavailable
			continue
		}
		checks[c.Name] = "ok"
	}
	word := "ok"
	if status != http.StatusOK {
		word = "unavailable"
	}
	return writeJSON(w, status, map[string]any{"status": word, "checks": checks})
}

// serveMetrics writes the Prometheus metrics.
func (s *Server) serveMetrics(w http.ResponseWriter, r *http.Request) error {
	s.metrics.ServeHTTP(w, r)
	return nil
}
