package portal

import (
	"context"
	"net/http"
	"runtime"
	"slices"
	"time"
)

// HealthCheck is one dependency the Admin Console pings.
type HealthCheck struct {
	Name string
	Ping func(ctx context.Context) error
}

// healthRow is one check's outcome.
type healthRow struct {
	Name   string
	OK     bool
	Detail string
}

// runCount is the number of runs in one status.
type runCount struct {
	Status string
	N      int
}

// adminView is the Admin Console's first page: system health.
type adminView struct {
	Page    Page
	Checks  []healthRow
	Version string
	Go      string
	// Queued are the runs waiting for a worker or agent (pending plans
	// and approved applies).
	Queued int
	Runs   []runCount
}

// healthTimeout bounds each check, so that a hung Redis cannot hang the
// page.
const healthTimeout = 2 * time.Second

// adminShow serves GET /admin: the database, Redis and the other
// configured checks, the run queue and the running version.
func (p *Portal) adminShow(w http.ResponseWriter, r *http.Request) error {
	if err := p.requirePlatformAdmin(r); err != nil {
		return err
	}
	v := adminView{Page: p.page(r, "Admin Console"), Version: p.deps.Version, Go: runtime.Version()}
	checks := append([]HealthCheck{{Name: "database", Ping: p.deps.DB.Ping}}, p.deps.Health...)
	for _, c := range checks {
		v.Checks = append(v.Checks, runCheck(r.Context(), c))
	}
	counts, err := p.deps.DB.RunCounts(r.Context())
	if err != nil {
		return err
	}
	for status, n := range counts {
		v.Runs = append(v.Runs, runCount{status, n})
		if status == "pending" || status == "approved" {
			v.Queued += n
		}
	}
	slices.SortFunc(v.Runs, func(a, b runCount) int { return b.N - a.N })
	p.render(w, http.StatusOK, "admin", v)
	return nil
}

// runCheck pings one dependency with a timeout and times it.
func runCheck(ctx context.Context, c HealthCheck) healthRow {
	ctx, cancel := context.WithTimeout(ctx, healthTimeout)
	defer cancel()
	start := time.Now()
	err := c.Ping(ctx)
	took := time.Since(start).Round(time.Microsecond)
	if err != nil {
		return healthRow{Name: c.Name, Detail: err.Error()}
	}
	return healthRow{Name: c.Name, OK: true, Detail: "answered in " + took.String()}
}
