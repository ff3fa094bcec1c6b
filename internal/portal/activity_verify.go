package portal

import (
	"net/http"

	"github.com/syncloud/syncloud/internal/audit"
)

// activityVerify serves POST /activity/verify: it checks the
// organization's chain against the signed checkpoints and shows the
// result above the log.
func (p *Portal) activityVerify(w http.ResponseWriter, r *http.Request) error {
	v, err := p.activityView(r)
	if err != nil {
		return err
	}
	if len(p.deps.AuditKey) == 0 {
		return &pageError{status: http.StatusServiceUnavailable, msg: "This server has no audit verification key configured."}
	}
	rep, err := audit.Verify(r.Context(), p.deps.DB, p.deps.AuditKey, mustPrincipal(r.Context()).OrgID)
	if err != nil {
		return err
	}
	v.Verified, v.Verify = true, rep
	p.render(w, http.StatusOK, "activity", v)
	return nil
}
