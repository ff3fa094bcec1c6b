package portal

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/syncloud/syncloud/internal/auth"
	"github.com/syncloud/syncloud/internal/store"
)

// keysRevoke serves POST /keys/{id}/revoke. Another organization's key is
// "not found"; a member revoking someone else's key is refused.
func (p *Portal) keysRevoke(w http.ResponseWriter, r *http.Request) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return errNotFound
	}
	err = p.deps.Auth.Keys.Revoke(r.Context(), mustPrincipal(r.Context()), id)
	switch {
	case errors.Is(err, store.ErrNotFound):
		return errNotFound
	case errors.Is(err, auth.ErrForbidden):
		return &pageError{status: http.StatusForbidden, msg: "Only administrators revoke other people's keys."}
	case err != nil:
		return err
	}
	http.Redirect(w, r, "/keys", http.StatusSeeOther)
	return nil
}
