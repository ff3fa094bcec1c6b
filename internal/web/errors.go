package web

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
)

// handlerFunc is an HTTP handler that returns its failure instead of writing
// it; errorHandler turns the failure into a response and logs it once.
type handlerFunc func(w http.ResponseWriter, r *http.Request) error

// Error is a failure with the HTTP status and the message a client may see.
// Err, when set, is the cause, logged but never shown.
type Error struct {
	Status int
	Msg    string
	Err    error
}

func (e *Error) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%d %s: %v", e.Status, e.Msg, e.Err)
	}
	return fmt.Sprintf("%d %s", e.Status, e.Msg)
}

func (e *Error) Unwrap() error { return e.Err }

// errorf is a client-visible failure with a status.
func errorf(status int, format string, args ...any) *Error {
	return &Error{Status: status, Msg: fmt.Sprintf(format, args...)}
}

// Sentinels that handlers and middleware return; mapped in statusOf.
var (
	errUnauthenticated = &Error{Status: http.StatusUnauthorized, Msg: "authentication required"}
	errForbidden       = &Error{Status: http.StatusForbidden, Msg: "not allowed"}
	errNotFound        = &Error{Status: http.StatusNotFound, Msg: "not found"}
	errRateLimited     = &Error{Status: http.StatusTooManyRequests, Msg: "too many requests"}
)

// errorMapper translates errors of other packages (store.ErrNotFound,
// store.ErrConflict, ...) into client-visible ones; the server is built with
// one so that this file does not need to know every domain package.
type errorMapper func(error) *Error

// problem is the JSON body of an API error (RFC 9457 problem details).
type problem struct {
	Type      string `json:"type"`
	Title     string `json:"title"`
	Status    int    `json:"status"`
	Detail    string `json:"detail,omitempty"`
	RequestID string `json:"request_id,omitempty"`
}

// toError resolves any error to the *Error that is sent.
func (s *Server) toError(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	if s.mapError != nil {
		if e := s.mapError(err); e != nil {
			e.Err = err
			return e
		}
	}
	if errors.Is(err, context.Canceled) {
		return &Error{Status: 499, Msg: "client closed request", Err: err}
	}
	return &Error{Status: http.StatusInternalServerError, Msg: "internal error", Err: err}
}

// errorHandler adapts a handlerFunc to http.Handler: on failure it writes a
// problem body and logs the error once, at a level fitting its status.
func (s *Server) errorHandler(h handlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		err := h(w, r)
		if err == nil {
			return
		}
		e := s.toError(err)
		s.logError(r, e)
		if e.Status == 499 {
			// Nobody is listening; the status only tells metrics and usage
			// what happened.
			w.WriteHeader(e.Status)
			return
		}
		writeProblem(w, r, e)
	})
}

func (s *Server) logError(r *http.Request, e *Error) {
	// Client errors are the client's business: logged only for debugging,
	// so that a flood of bad requests cannot flood the log.
	level := slog.LevelDebug
	if e.Status >= 500 {
		level = slog.LevelError
	}
	s.log.LogAttrs(r.Context(), level, "request failed",
		slog.String("request_id", requestID(r.Context())),
		slog.String("method", r.Method),
		slog.String("route", r.Pattern),
		slog.Int("status", e.Status),
		slog.String("error", e.Error()))
}

func writeProblem(w http.ResponseWriter, r *http.Request, e *Error) {
	if e.Status == http.StatusTooManyRequests && w.Header().Get("Retry-After") == "" {
		w.Header().Set("Retry-After", "1")
	}
	body := problem{
		Type:      "about:blank",
		Title:     http.StatusText(e.Status),
		Status:    e.Status,
		Detail:    e.Msg,
		RequestID: requestID(r.Context()),
	}
	writeJSONType(w, e.Status, "application/problem+json", body)
}
