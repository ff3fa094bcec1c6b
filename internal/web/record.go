package web

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/syncloud/syncloud/internal/auth"
)

// RequestRecord is what the usage meter keeps of one metered request: who
// made it, how it went, and its technical context, as the privacy policy
// lists it.
type RequestRecord struct {
	Time      time.Time
	RequestID string
	Method    string
	Route     string // the route pattern, e.g. "POST /api/v1/generate"
	OrgID     int64
	UserID    int64
	KeyID     int64
	// AgentID is the Local Agent's ID from the X-SyncCloud-Agent-Id header,
	// or the authenticated agent's; AgentVersion is from
	// X-SyncCloud-Agent-Version.
	AgentID      string
	AgentVersion string
	Status       int
	Success      bool
	Latency      time.Duration
	IP           string
	RawUserAgent string
	UserAgent    UserAgent
	Referrer     string
	// Prompt is the request's prompt, for routes that carry one.
	Prompt string
}

// Meter receives the record of every metered request. Record must not block
// on I/O: the meter aggregates in memory and flushes in batches.
type Meter interface {
	Record(ctx context.Context, rec RequestRecord)
}

// requestState is filled in by the layers of one request: authenticate sets
// the principal, handlers the prompt.
type requestState struct {
	principal *auth.Principal
	prompt    string
}

func recordOf(ctx context.Context) *requestState {
	st, _ := ctx.Value(ctxRecord).(*requestState)
	return st
}

// setPrompt attaches the request's prompt to its usage record.
func setPrompt(ctx context.Context, prompt string) {
	if st := recordOf(ctx); st != nil {
		st.prompt = prompt
	}
}

// statusWriter remembers the status a handler wrote.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// observe times every request of a route into the metrics and, for metered
// routes with an authenticated caller, sends its record to the meter.
func (s *Server) observe(rt route, next http.Handler) http.Handler {
	return s.observeWith(func(*http.Request) string { return rt.Pattern }, rt.Record, next)
}

// observePortal meters the portal's pages like API routes: the route is the
// pattern the portal's own mux matched, and a page is recorded once the
// portal has named its signed-in user with NotePrincipal.
func (s *Server) observePortal(portal http.Handler) http.Handler {
	return s.observeWith(func(r *http.Request) string {
		if r.Pattern == "" {
			return "portal"
		}
		return r.Pattern
	}, true, portal)
}

// observeWith is observe with the route pattern read after the handler ran,
// from the request it was given (a ServeMux sets its Pattern).
func (s *Server) observeWith(pattern func(*http.Request) string, record bool, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := s.now()
		st := &requestState{}
		sw := &statusWriter{ResponseWriter: w}
		r = r.WithContext(context.WithValue(r.Context(), ctxRecord, st))
		next.ServeHTTP(sw, r)
		if sw.status == 0 {
			sw.status = http.StatusOK
		}
		latency := s.now().Sub(start)
		route := pattern(r)
		s.metrics.observeRequest(route, sw.status, latency)
		if record && st.principal != nil && s.deps.Meter != nil {
			s.deps.Meter.Record(r.Context(), s.newRecord(r, route, st, sw.status, start, latency))
		}
	})
}

// NotePrincipal names the signed-in caller of the request in ctx for its
// usage record; the portal calls it once it has resolved the session.
func NotePrincipal(ctx context.Context, p auth.Principal) {
	if st := recordOf(ctx); st != nil {
		st.principal = &p
	}
}

// NotePrompt attaches a prompt to the usage record of the request in ctx.
func NotePrompt(ctx context.Context, prompt string) { setPrompt(ctx, prompt) }

func (s *Server) newRecord(r *http.Request, route string, st *requestState, status int, start time.Time, latency time.Duration) RequestRecord {
	p := st.principal
	agent := r.Header.Get("X-SyncCloud-Agent-Id")
	if agent == "" && p.AgentID != 0 {
		agent = strconv.FormatInt(p.AgentID, 10)
	}
	return RequestRecord{
		Time:         start,
		RequestID:    requestID(r.Context()),
		Method:       r.Method,
		Route:        route,
		OrgID:        p.OrgID,
		UserID:       p.UserID,
		KeyID:        p.KeyID,
		AgentID:      agent,
		AgentVersion: r.Header.Get("X-SyncCloud-Agent-Version"),
		Status:       status,
		Success:      status < 400,
		Latency:      latency,
		IP:           clientIP(r.Context()),
		RawUserAgent: r.UserAgent(),
		UserAgent:    ParseUserAgent(r.UserAgent()),
		Referrer:     r.Referer(),
		Prompt:       st.prompt,
	}
}
