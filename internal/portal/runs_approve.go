package portal

import (
	"context"
	"net/http"

	"github.com/syncloud/syncloud/internal/auth"
	"github.com/syncloud/syncloud/internal/run"
	"github.com/syncloud/syncloud/internal/store"
)

// runsApprove serves POST /runs/{id}/approve: the planned run is applied
// (by a worker or the workspace's agent); the run page follows it.
func (p *Portal) runsApprove(w http.ResponseWriter, r *http.Request) error {
	return p.runTransition(w, r, (*run.Service).Approve)
}

// runsDiscard serves POST /runs/{id}/discard: a pending, planned or
// approved run is dropped.
func (p *Portal) runsDiscard(w http.ResponseWriter, r *http.Request) error {
	return p.runTransition(w, r, (*run.Service).Discard)
}

// runTransition checks the run is the organization's (404 otherwise)
// and the caller may write (403 for viewers), then moves it and goes
// back to its page; a run that moved on meanwhile is a 409 page.
func (p *Portal) runTransition(w http.ResponseWriter, r *http.Request,
	move func(*run.Service, context.Context, auth.Principal, int64) (*store.Run, error)) error {
	svc, err := p.runs()
	if err != nil {
		return err
	}
	rn, err := p.orgRun(r)
	if err != nil {
		return err
	}
	pr, err := writer(r)
	if err != nil {
		return err
	}
	if _, err := move(svc, r.Context(), pr, rn.ID); err != nil {
		return conflict(err)
	}
	http.Redirect(w, r, runPath(rn.ID), http.StatusSeeOther)
	return nil
}
