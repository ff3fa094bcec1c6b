package portal

import (
	"net/http"
	"strings"

	"github.com/syncloud/syncloud/internal/store"
)

// adminUsersLimit bounds one page of the user search.
const adminUsersLimit = 200

// adminUserRow is one user of the platform.
type adminUserRow struct {
	store.User
	// Self marks the admin looking, who cannot disable themself.
	Self bool
}

// adminUsersView is the user search of the Admin Console.
type adminUsersView struct {
	Page  Page
	Query string
	Users []adminUserRow
	// Limited says that more users match than are shown.
	Limited bool
}

// adminUsersList serves GET /admin/users?q=: users whose email or name
// contains q, each with a disable or re-enable button.
func (p *Portal) adminUsersList(w http.ResponseWriter, r *http.Request) error {
	if err := p.requirePlatformAdmin(r); err != nil {
		return err
	}
	v := adminUsersView{Page: p.page(r, "Users"), Query: strings.TrimSpace(r.URL.Query().Get("q"))}
	us, err := p.deps.DB.SearchUsers(r.Context(), v.Query, adminUsersLimit+1)
	if err != nil {
		return err
	}
	if len(us) > adminUsersLimit {
		us, v.Limited = us[:adminUsersLimit], true
	}
	self := mustPrincipal(r.Context()).UserID
	for _, u := range us {
		v.Users = append(v.Users, adminUserRow{User: u, Self: u.ID == self})
	}
	p.render(w, http.StatusOK, "admin_users", v)
	return nil
}
