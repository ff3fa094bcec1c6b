package portal

import (
	"net/http"
	"strings"
	"time"
)

// agentOnline is how recently an agent must have been heard from to count
// as online: agents heartbeat every 30 s while serving.
const agentOnline = 2 * time.Minute

// agentRow is one registered Local Agent.
type agentRow struct {
	ID       int64
	Name     string
	OS       string
	Version  string
	LastSeen time.Time
	Online   bool
}

// agentsView is the agents page: the organization's Local Agents and how
// to install one.
type agentsView struct {
	Page   Page
	Agents []agentRow
	Server string
}

// agentsList serves GET /agents.
func (p *Portal) agentsList(w http.ResponseWriter, r *http.Request) error {
	list, err := p.deps.DB.Agents(r.Context(), mustPrincipal(r.Context()).OrgID)
	if err != nil {
		return err
	}
	v := agentsView{Page: p.page(r, "Agents"), Server: p.publicURL(r)}
	now := time.Now()
	for _, a := range list {
		system := a.OS
		if a.Arch != "" {
			system += "/" + a.Arch
		}
		v.Agents = append(v.Agents, agentRow{ID: a.ID, Name: a.Name, OS: system, Version: a.Version,
			LastSeen: a.LastSeenAt, Online: now.Sub(a.LastSeenAt) < agentOnline})
	}
	p.render(w, http.StatusOK, "agents", v)
	return nil
}

// publicURL is the platform's base URL for instructions: the configured
// one, else the request's scheme and host.
func (p *Portal) publicURL(r *http.Request) string {
	if p.deps.PublicURL != "" {
		return strings.TrimRight(p.deps.PublicURL, "/")
	}
	scheme := "https"
	if r.TLS == nil && r.Header.Get("X-Forwarded-Proto") != "https" {
		scheme = "http"
	}
	return scheme + "://" + r.Host
}
