package portal

import (
	"errors"
	"net/http"
	"net/url"

	"github.com/syncloud/syncloud/internal/auth"
)

// pageError is an error shown to the visitor as a page with a status.
type pageError struct {
	status int
	msg    string
}

func (e *pageError) Error() string { return e.msg }

// errNotFound answers unknown pages and other organizations' resources.
var errNotFound = &pageError{status: http.StatusNotFound, msg: "This page does not exist."}

// serve wraps a route: it resolves the session for signed-in routes
// (redirecting visitors to /login?next=...), runs the handler and turns
// its error into a page, logging server errors once.
func (p *Portal) serve(rt route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		if rt.signedIn {
			pr, err := p.deps.Auth.Session(r)
			if err != nil {
				p.fail(w, r, sessionError(r, err))
				return
			}
			r = r.WithContext(withPrincipal(r.Context(), pr))
			if p.deps.NotePrincipal != nil {
				p.deps.NotePrincipal(r.Context(), pr)
			}
		}
		if err := rt.handler(w, r); err != nil {
			p.fail(w, r, err)
		}
	})
}

// notePrompt attaches the request's prompt to its usage record, kept per
// the organization's retention setting like the API's.
func (p *Portal) notePrompt(r *http.Request, prompt string) {
	if p.deps.NotePrompt != nil {
		p.deps.NotePrompt(r.Context(), prompt)
	}
}

// redirectError sends the browser elsewhere instead of showing a page.
type redirectError struct{ to string }

func (e *redirectError) Error() string { return "redirect to " + e.to }

// sessionError maps a failed session check: no session goes to the
// sign-in page and back, a bad CSRF token is a 403.
func sessionError(r *http.Request, err error) error {
	if errors.Is(err, auth.ErrCSRF) {
		return &pageError{status: http.StatusForbidden, msg: "The form expired or came from another site. Reload the page and try again."}
	}
	if errors.Is(err, auth.ErrUnauthorized) || errors.Is(err, auth.ErrForbidden) {
		next := r.URL.RequestURI() // with its query: /activity?action=run.plan
		if r.Method != http.MethodGet {
			next = "/"
		}
		return &redirectError{to: "/login?next=" + url.QueryEscape(next)}
	}
	return err
}

// fail writes the response for a handler error.
func (p *Portal) fail(w http.ResponseWriter, r *http.Request, err error) {
	var rd *redirectError
	if errors.As(err, &rd) {
		http.Redirect(w, r, rd.to, http.StatusSeeOther)
		return
	}
	var pe *pageError
	if !errors.As(err, &pe) {
		p.log.ErrorContext(r.Context(), "portal page failed", "path", r.URL.Path, "error", err)
		pe = &pageError{status: http.StatusInternalServerError, msg: "Something went wrong on our side. Please try again."}
	}
	v := errorView{Page: p.page(r, "Error"), Status: pe.status, Message: pe.msg}
	p.render(w, pe.status, "error", v)
}

// notFound answers every path no route matches.
func (p *Portal) notFound(http.ResponseWriter, *http.Request) error { return errNotFound }

// errorView is the error page's view.
type errorView struct {
	Page    Page
	Status  int
	Message string
}
