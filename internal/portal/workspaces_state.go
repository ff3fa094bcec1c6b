package portal

import (
	"fmt"
	"net/http"
	"strconv"
)

// workspacesState serves GET /workspaces/{id}/state/{serial}: one state
// version, decrypted, as a download. States hold resource attributes
// (sometimes secrets), so viewers are refused as in the API.
func (p *Portal) workspacesState(w http.ResponseWriter, r *http.Request) error {
	svc, err := p.runs()
	if err != nil {
		return err
	}
	ws, err := p.orgWorkspace(r)
	if err != nil {
		return err
	}
	serial, err := strconv.ParseInt(r.PathValue("serial"), 10, 64)
	if err != nil || serial < 0 {
		return errNotFound
	}
	if _, err := writer(r); err != nil {
		return &pageError{status: http.StatusForbidden, msg: "Viewers cannot download Terraform state."}
	}
	st, err := svc.State.Version(r.Context(), ws.OrgID, ws.ID, serial)
	if err != nil {
		return notFound(err)
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="workspace-%d-state-%d.tfstate"`, ws.ID, serial))
	_, err = w.Write(st)
	return err
}
