package web

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/syncloud/syncloud/internal/auth"
	"github.com/syncloud/syncloud/internal/run"
	"github.com/syncloud/syncloud/internal/store"
	"github.com/syncloud/syncloud/internal/tfstate"
)

// kindRun is the Principal kind of a run's state-backend credential.
const kindRun auth.Kind = "run"

// stateRunKey is the context key of the run whose credential called.
type stateRunKey struct{}

// maxState bounds a state file the backend accepts.
const maxState = 64 << 20

// authenticateState resolves the caller of a state-backend route: HTTP
// basic auth with username "run" and a run's password (bound to one
// workspace and expiring with the run's lease), basic auth with an API key
// as the password, or the usual Bearer key or session.
func (s *Server) authenticateState(rt route, next handlerFunc) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		user, pass, basic := r.BasicAuth()
		var p auth.Principal
		var err error
		switch {
		case basic && user == run.BackendUsername:
			p, err = s.runCredential(r, pass)
			if err == nil {
				r = r.WithContext(context.WithValue(r.Context(), stateRunKey{}, p.KeyID))
			}
		case basic && s.deps.Auth != nil:
			p, err = s.deps.Auth.APIKey(r.Context(), pass)
		default:
			p, err = s.resolve(r, member)
		}
		if err != nil {
			w.Header().Set("WWW-Authenticate", `Basic realm="syncloud state"`)
			return err
		}
		if rec := recordOf(r.Context()); rec != nil {
			rec.principal = &p
		}
		return next(w, r.WithContext(context.WithValue(r.Context(), ctxPrincipal, p)))
	}
}

// runCredential checks a run's state-backend password: the run must be
// busy (planning or applying) and the password unexpired, and it may only
// reach its own workspace.
func (s *Server) runCredential(r *http.Request, token string) (auth.Principal, error) {
	sum := sha256.Sum256([]byte(token))
	rn, err := s.deps.DB.RunByTokenHash(r.Context(), sum[:])
	if err != nil || rn.TokenExpires == nil || !s.now().Before(*rn.TokenExpires) {
		return auth.Principal{}, errUnauthenticated
	}
	if st := run.Status(rn.Status); st != run.Planning && st != run.Applying {
		return auth.Principal{}, errUnauthenticated
	}
	if id, err := pathID(r); err != nil || id != rn.WorkspaceID {
		return auth.Principal{}, errNotFound
	}
	// KeyID carries the run ID for the handlers; the run acts with the
	// rights of a member holding runs:write and nothing else.
	return auth.Principal{Kind: kindRun, UserID: rn.CreatedBy, KeyID: rn.ID, OrgID: rn.OrgID,
		Role: auth.RoleMember, Scopes: []auth.Scope{auth.ScopeRunsWrite}}, nil
}

// stateWriter is who writes: a run (with its apply fence while applying)
// or a user's own Terraform.
func (s *Server) stateWriter(r *http.Request) (tfstate.Writer, error) {
	runID, ok := r.Context().Value(stateRunKey{}).(int64)
	if !ok {
		return tfstate.Writer{}, nil
	}
	rn, err := s.deps.DB.Run(r.Context(), mustPrincipal(r.Context()).OrgID, runID)
	if err != nil {
		return tfstate.Writer{}, err
	}
	w := tfstate.Writer{RunID: rn.ID}
	if run.Status(rn.Status) == run.Applying {
		w.Fence = rn.Fence
	}
	return w, nil
}

func (s *Server) stateBackend() (*tfstate.Backend, error) {
	rd, err := s.runs()
	if err != nil {
		return nil, err
	}
	return rd.Service.State, nil
}

// stateError maps the backend's refusals: a held lock is 423 with the
// holder's lock information, as Terraform's http backend expects.
func stateError(w http.ResponseWriter, err error) error {
	var locked *tfstate.LockedError
	if errors.As(err, &locked) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusLocked)
		_, werr := w.Write(locked.Info)
		return werr
	}
	return runError(err)
}

// stateGet serves GET /api/v1/workspaces/{id}/state: the latest state, or
// 204 when there is none yet.
func (s *Server) stateGet(w http.ResponseWriter, r *http.Request) error {
	b, id, err := s.stateRequest(r)
	if err != nil {
		return err
	}
	st, err := b.Get(r.Context(), mustPrincipal(r.Context()).OrgID, id)
	if errors.Is(err, tfstate.ErrNoState) {
		w.WriteHeader(http.StatusNoContent)
		return nil
	}
	if err != nil {
		return err
	}
	if err := s.auditState(r, "state.read", id, map[string]any{"version": "latest"}); err != nil {
		return err
	}
	return writeState(w, st)
}

// auditState records a state read or write made by a person or an API key
// (their own Terraform, a download); a run's own backend calls are its
// run's business and are not recorded one by one.
func (s *Server) auditState(r *http.Request, action string, wsID int64, details map[string]any) error {
	if _, byRun := r.Context().Value(stateRunKey{}).(int64); byRun {
		return nil
	}
	return s.deps.Audit.Append(r.Context(), actorEvent(mustPrincipal(r.Context()), action, "workspace:"+itoa(wsID), details))
}

func writeState(w http.ResponseWriter, st []byte) error {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	_, err := w.Write(st)
	return err
}

func (s *Server) stateRequest(r *http.Request) (*tfstate.Backend, int64, error) {
	b, err := s.stateBackend()
	if err != nil {
		return nil, 0, err
	}
	id, err := pathID(r)
	return b, id, err
}

// stateBody reads a state or lock-information body.
func stateBody(w http.ResponseWriter, r *http.Request) ([]byte, error) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxState))
	if err != nil {
		return nil, errorf(http.StatusRequestEntityTooLarge, "state over %d bytes", maxState)
	}
	return body, nil
}

// statePost serves POST /api/v1/workspaces/{id}/state: a new state
// version, refused with 409 for a lower serial, another lineage or a
// stale apply fence.
func (s *Server) statePost(w http.ResponseWriter, r *http.Request) error {
	b, id, err := s.stateRequest(r)
	if err != nil {
		return err
	}
	if _, err := s.deps.DB.Workspace(r.Context(), mustPrincipal(r.Context()).OrgID, id); err != nil {
		return err
	}
	body, err := stateBody(w, r)
	if err != nil {
		return err
	}
	writer, err := s.stateWriter(r)
	if err != nil {
		return err
	}
	if err := b.Put(r.Context(), mustPrincipal(r.Context()).OrgID, id, writer, body); err != nil {
		return runError(err)
	}
	if err := s.auditState(r, "state.write", id, map[string]any{"sha256": fmt.Sprintf("%x", sha256.Sum256(body))}); err != nil {
		return err
	}
	w.WriteHeader(http.StatusOK)
	return nil
}

// stateLock serves LOCK /api/v1/workspaces/{id}/state.
func (s *Server) stateLock(w http.ResponseWriter, r *http.Request) error {
	return s.lockOp(w, r, (*tfstate.Backend).Lock)
}

// stateUnlock serves UNLOCK /api/v1/workspaces/{id}/state; an empty body
// forces the release (terraform force-unlock).
func (s *Server) stateUnlock(w http.ResponseWriter, r *http.Request) error {
	return s.lockOp(w, r, (*tfstate.Backend).Unlock)
}

func (s *Server) lockOp(w http.ResponseWriter, r *http.Request, op func(*tfstate.Backend, context.Context, int64, int64, []byte) error) error {
	b, id, err := s.stateRequest(r)
	if err != nil {
		return err
	}
	if _, err := s.deps.DB.Workspace(r.Context(), mustPrincipal(r.Context()).OrgID, id); err != nil {
		return err
	}
	body, err := stateBody(w, r)
	if err != nil {
		return err
	}
	if err := op(b, r.Context(), mustPrincipal(r.Context()).OrgID, id, body); err != nil {
		return stateError(w, err)
	}
	w.WriteHeader(http.StatusOK)
	return nil
}

type stateVersionView struct {
	Serial    int64     `json:"serial"`
	Lineage   string    `json:"lineage"`
	SHA256    string    `json:"sha256"`
	RunID     *int64    `json:"run_id"`
	CreatedAt time.Time `json:"created_at"`
}

// stateVersions serves GET /api/v1/workspaces/{id}/state/versions.
func (s *Server) stateVersions(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	org := mustPrincipal(r.Context()).OrgID
	if _, err := s.deps.DB.Workspace(r.Context(), org, id); err != nil {
		return err
	}
	list, err := s.deps.DB.StateVersions(r.Context(), org, id)
	if err != nil {
		return err
	}
	out := make([]stateVersionView, 0, len(list))
	for _, v := range list {
		vv := stateVersionView{Serial: v.Serial, Lineage: v.Lineage, SHA256: v.SHA256, CreatedAt: v.CreatedAt}
		if v.RunID != 0 {
			vv.RunID = &v.RunID
		}
		out = append(out, vv)
	}
	return writeJSON(w, http.StatusOK, map[string]any{"versions": out})
}

// stateVersion serves GET /api/v1/workspaces/{id}/state/versions/{n}: one
// state version, decrypted.
func (s *Server) stateVersion(w http.ResponseWriter, r *http.Request) error {
	b, id, err := s.stateRequest(r)
	if err != nil {
		return err
	}
	n, err := strconv.ParseInt(r.PathValue("n"), 10, 64)
	if err != nil || n < 0 {
		return errNotFound
	}
	st, err := b.Version(r.Context(), mustPrincipal(r.Context()).OrgID, id, n)
	if errors.Is(err, store.ErrNotFound) {
		return errNotFound
	}
	if err != nil {
		return err
	}
	if err := s.auditState(r, "state.read", id, map[string]any{"version": n}); err != nil {
		return err
	}
	return writeState(w, st)
}
