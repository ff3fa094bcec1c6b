package portal

import (
	"net/http"
	"time"

	"github.com/syncloud/syncloud/internal/auth"
	"github.com/syncloud/syncloud/internal/store"
)

// keyRow is one API key as listed; the key itself is never shown again.
type keyRow struct {
	ID                int64
	Name, Prefix      string
	Scopes            []string
	Created           time.Time
	Expires, LastUsed *time.Time
	Revoked           bool
	Active            bool
}

// scopeChoice is one scope checkbox of the create form.
type scopeChoice struct {
	Value   string
	Checked bool
}

// keysView is the API keys page: the create form (kept on rejection), the
// new key once, and the organization's keys.
type keysView struct {
	Page   Page
	Name   string
	Days   string
	Scopes []scopeChoice
	Errors map[string]string
	// NewKey is the full key just created, shown this once.
	NewKey string
	Keys   []keyRow
}

// keysList serves GET /keys.
func (p *Portal) keysList(w http.ResponseWriter, r *http.Request) error {
	v, err := p.keysView(r, []string{string(auth.ScopeGenerate)})
	if err != nil {
		return err
	}
	p.render(w, http.StatusOK, "keys", v)
	return nil
}

// keysView lists the caller organization's keys with the form's scope
// boxes checked as given.
func (p *Portal) keysView(r *http.Request, checked []string) (keysView, error) {
	v := keysView{Page: p.page(r, "API keys"), Days: "90"}
	pr := mustPrincipal(r.Context())
	for _, s := range auth.RoleScopes(pr.Role) {
		v.Scopes = append(v.Scopes, scopeChoice{Value: string(s), Checked: contains(checked, string(s))})
	}
	rows, err := p.deps.Auth.Keys.List(r.Context(), pr)
	if err != nil {
		return v, err
	}
	now := time.Now()
	for i := range rows {
		v.Keys = append(v.Keys, newKeyRow(&rows[i], now))
	}
	return v, nil
}

func newKeyRow(k *store.APIKey, now time.Time) keyRow {
	return keyRow{ID: k.ID, Name: k.Name, Prefix: k.Prefix, Scopes: k.Scopes, Created: k.CreatedAt,
		Expires: k.ExpiresAt, LastUsed: k.LastUsedAt, Revoked: k.RevokedAt != nil, Active: k.Active(now)}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
