package web

import (
	"net/http"
	"strconv"
	"time"

	"github.com/syncloud/syncloud/internal/auth"
	"github.com/syncloud/syncloud/internal/store"
)

// keyView is an API key as listed: never the key itself.
type keyView struct {
	ID         int64      `json:"id"`
	Name       string     `json:"name"`
	Prefix     string     `json:"prefix"`
	Scopes     []string   `json:"scopes"`
	CreatedBy  int64      `json:"created_by"`
	CreatedAt  time.Time  `json:"created_at"`
	ExpiresAt  *time.Time `json:"expires_at"`
	LastUsedAt *time.Time `json:"last_used_at"`
	RevokedAt  *time.Time `json:"revoked_at"`
}

func newKeyView(k *store.APIKey) keyView {
	scopes := k.Scopes
	if scopes == nil {
		scopes = []string{}
	}
	return keyView{ID: k.ID, Name: k.Name, Prefix: k.Prefix, Scopes: scopes, CreatedBy: k.CreatedBy,
		CreatedAt: k.CreatedAt, ExpiresAt: k.ExpiresAt, LastUsedAt: k.LastUsedAt, RevokedAt: k.RevokedAt}
}

// keyList serves GET /api/v1/keys: the organization's keys, newest first.
func (s *Server) keyList(w http.ResponseWriter, r *http.Request) error {
	keys, err := s.deps.Services.Keys.List(r.Context(), mustPrincipal(r.Context()))
	if err != nil {
		return err
	}
	out := make([]keyView, 0, len(keys))
	for i := range keys {
		out = append(out, newKeyView(&keys[i]))
	}
	return writeJSON(w, http.StatusOK, map[string]any{"keys": out})
}

type keyCreateRequest struct {
	Name      string     `json:"name"`
	Scopes    []string   `json:"scopes"`
	ExpiresAt *time.Time `json:"expires_at,omitempty"`
}

type keyCreated struct {
	keyView
	// Key is the whole key, shown this once.
	Key string `json:"key"`
}

// keyCreate serves POST /api/v1/keys. Only a signed-in user creates keys,
// with scopes their role grants.
func (s *Server) keyCreate(w http.ResponseWriter, r *http.Request) error {
	var req keyCreateRequest
	if err := readJSON(w, r, 16<<10, &req); err != nil {
		return err
	}
	scopes, err := auth.ParseScopes(req.Scopes)
	if err != nil {
		return errorf(http.StatusBadRequest, "%v", err)
	}
	raw, row, err := s.deps.Services.Keys.Create(r.Context(), mustPrincipal(r.Context()),
		auth.NewAPIKey{Name: req.Name, Scopes: scopes, ExpiresAt: req.ExpiresAt})
	if err != nil {
		return accountError(err)
	}
	return writeJSON(w, http.StatusCreated, keyCreated{keyView: newKeyView(row), Key: raw})
}

// keyRevoke serves DELETE /api/v1/keys/{id}; the key stops working on the
// next request.
func (s *Server) keyRevoke(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := s.deps.Services.Keys.Revoke(r.Context(), mustPrincipal(r.Context()), id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// pathID reads the {id} path segment as a positive integer; anything else
// is not found, like an ID of another organization.
func pathID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, errNotFound
	}
	return id, nil
}
