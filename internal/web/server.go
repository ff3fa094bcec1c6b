// Package web is SynCloud's HTTP surface: the routes, the middleware that
// authenticates, rate-limits and records every request, the JSON API v1
// with its OpenAPI document, and the health and metrics endpoints.
//
// Handlers return errors; errorHandler is the one place that turns them into
// status codes and problem bodies and logs them. Headers common to every
// response are set in respond.go. Routes are listed in routes.go only.
package web

import (
	"log/slog"
	"net"
	"net/http"
	"time"
)

// Server is the platform's http.Handler.
type Server struct {
	log            *slog.Logger
	deps           Deps
	metrics        *Metrics
	limiter        Limiter
	trustedProxies []*net.IPNet
	mapError       errorMapper
	handler        http.Handler
	now            func() time.Time
}

// New builds the server and its routes from its dependencies.
func New(d Deps) *Server {
	s := &Server{
		log:            d.Log,
		deps:           d,
		metrics:        d.Metrics,
		limiter:        d.Limiter,
		trustedProxies: d.TrustedProxies,
		mapError:       d.MapError,
		now:            time.Now,
	}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	if s.metrics == nil {
		s.metrics = NewMetrics(nil)
	}
	if s.limiter == nil {
		s.limiter = noLimit{}
	}
	s.handler = s.buildHandler()
	return s
}

// ServeHTTP serves one request through the middleware and the router.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.handler.ServeHTTP(w, r)
}

// buildHandler registers every route on a mux and wraps it in the
// middleware that applies to all of them, outermost first.
func (s *Server) buildHandler() http.Handler {
	mux := http.NewServeMux()
	for _, rt := range s.routes() {
		mux.Handle(rt.Pattern, s.wrap(rt))
	}
	notFound := s.errorHandler(func(http.ResponseWriter, *http.Request) error { return errNotFound })
	mux.Handle("/api/", notFound)
	if s.deps.Portal != nil {
		mux.Handle("/", s.observePortal(s.deps.Portal))
	} else {
		mux.Handle("/", notFound)
	}
	var h http.Handler = mux
	h = s.withClientIP(h)
	h = s.withRecover(h)
	h = withSecurityHeaders(h)
	h = withRequestID(h)
	return h
}
