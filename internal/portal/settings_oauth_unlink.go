package portal

import (
	"net/http"
	"strconv"
)

// settingsOAuthUnlink serves POST /settings/oauth/{provider}/unlink. The
// last way to sign in (no password, one provider) cannot be unlinked.
func (p *Portal) settingsOAuthUnlink(w http.ResponseWriter, r *http.Request) error {
	pr := mustPrincipal(r.Context())
	provider := r.PathValue("provider")
	u, err := p.deps.DB.User(r.Context(), pr.UserID)
	if err != nil {
		return err
	}
	ids, err := p.deps.DB.UserOAuthIdentities(r.Context(), pr.UserID)
	if err != nil {
		return err
	}
	linked := false
	for _, id := range ids {
		linked = linked || id.Provider == provider
	}
	if !linked {
		return errNotFound
	}
	if u.PasswordHash == "" && len(ids) == 1 {
		msg := "This is the only way you sign in: link another provider first."
		return p.settingsRejected(w, r, func(*settingsView) {}, map[string]string{"oauth": msg})
	}
	if err := p.deps.DB.UnlinkOAuthIdentity(r.Context(), pr.UserID, provider); err != nil {
		return notFound(err)
	}
	err = p.auditEvent(r, 0, "auth.oauth_unlink", "user:"+strconv.FormatInt(pr.UserID, 10), map[string]any{"provider": provider})
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/settings?saved=unlinked", http.StatusSeeOther)
	return nil
}
