package main

import (
	"context"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"syscall"

	"github.com/syncloud/syncloud/internal/loadtest"
)

// check restarts the server gracefully (so that usage counters are
// flushed), compares usage totals and generate audit events with what the
// load saw, and runs `syncloud admin audit verify`.
func (h *benchHarness) check(ctx context.Context, res *loadtest.Result, rep *benchReport) error {
	if err := h.stop(syscall.SIGTERM); err != nil {
		rep.Failures = append(rep.Failures, err.Error())
	}
	if err := h.start(ctx); err != nil {
		return err
	}
	var usage struct {
		Total struct {
			Requests int `json:"requests"`
		} `json:"total"`
	}
	if err := h.apiGet(ctx, "/api/v1/usage", url.Values{"from": {"2000-01-01T00:00:00Z"}}, &usage); err != nil {
		return err
	}
	rep.UsageTotal = usage.Total.Requests
	audited, err := h.generateEvents(ctx)
	if err != nil {
		return err
	}
	rep.AuditGenerate = len(audited)
	compare(res, rep, audited)
	if err := h.stop(syscall.SIGTERM); err != nil {
		rep.Failures = append(rep.Failures, err.Error())
	}
	out, err := h.admin(ctx, nil, "audit", "verify", "--org", h.org)
	rep.Verify = strings.TrimSpace(out)
	if err != nil {
		rep.Failures = append(rep.Failures, err.Error())
	}
	return nil
}

// compare fills in what the load saw against what the server recorded:
// every acknowledged request audited and, without a crash, usage and audit
// counts equal to the requests served.
func compare(res *loadtest.Result, rep *benchReport, audited map[string]bool) {
	for _, id := range res.Acknowledged {
		if !audited[id] {
			rep.Unaudited++
		}
	}
	if rep.Unaudited > 0 {
		rep.Failures = append(rep.Failures, fmt.Sprintf("%d acknowledged requests have no audit event", rep.Unaudited))
	}
	if rep.Killed {
		return // in-memory usage counters die with the process by design
	}
	if rep.UsageTotal != res.Requests {
		rep.Failures = append(rep.Failures, fmt.Sprintf("usage total %d != %d requests served", rep.UsageTotal, res.Requests))
	}
	if rep.AuditGenerate != res.OK {
		rep.Failures = append(rep.Failures, fmt.Sprintf("%d generate audit events != %d requests served", rep.AuditGenerate, res.OK))
	}
}

// auditPage is one page of GET /api/v1/audit.
type auditPage struct {
	Events []struct {
		Seq    int64  `json:"seq"`
		Action string `json:"action"`
		Target struct {
			Type string `json:"type"`
			ID   string `json:"id"`
		} `json:"target"`
	} `json:"events"`
	NextAfter int64 `json:"next_after"`
}

// generateEvents pages through the org's audit log and returns the request
// IDs of its generate events.
func (h *benchHarness) generateEvents(ctx context.Context) (map[string]bool, error) {
	ids := map[string]bool{}
	after := int64(0)
	for {
		var page auditPage
		q := url.Values{"after": {strconv.FormatInt(after, 10)}, "limit": {"1000"}}
		if err := h.apiGet(ctx, "/api/v1/audit", q, &page); err != nil {
			return nil, err
		}
		for _, e := range page.Events {
			if e.Action == "generate" && e.Target.Type == "request" {
				ids[e.Target.ID] = true
			}
		}
		if page.NextAfter == 0 || len(page.Events) == 0 {
			return ids, nil
		}
		after = page.NextAfter
	}
}
