package portal

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/syncloud/syncloud/internal/store"
)

// eventsPoll is how often the live view looks for new output and status.
const eventsPoll = 300 * time.Millisecond

// runsEvents serves GET /runs/{id}/events?after=N: the run's output and
// status as Server-Sent Events for the run page's live view. "log"
// events carry output (the event ID is the chunk's number, so a
// reconnecting EventSource resumes with Last-Event-ID), "status" events
// each change of status, and "done" the status the run rests in (final,
// or planned and waiting for approval), after which the stream ends.
func (p *Portal) runsEvents(w http.ResponseWriter, r *http.Request) error {
	rn, err := p.orgRun(r)
	if err != nil {
		return err
	}
	after := resumeAfter(r)
	rc := http.NewResponseController(w)
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	status := ""
	for {
		_ = rc.SetWriteDeadline(time.Now().Add(time.Minute))
		done, err := p.sendEvents(w, r, rn, &after, &status)
		if err != nil {
			p.log.WarnContext(r.Context(), "run events", "run", rn.ID, "error", err)
			return nil // the stream has started; the browser reconnects
		}
		if err := rc.Flush(); err != nil || done {
			return nil
		}
		select {
		case <-r.Context().Done():
			return nil
		case <-time.After(eventsPoll):
		}
	}
}

// resumeAfter is the last chunk the browser has: Last-Event-ID when an
// EventSource reconnects, else ?after= from the page.
func resumeAfter(r *http.Request) int64 {
	s := r.URL.Query().Get("after")
	if id := r.Header.Get("Last-Event-ID"); id != "" {
		s = id
	}
	after, _ := strconv.ParseInt(s, 10, 64)
	return after
}

// sendEvents writes the status when it changed and the output after
// *after; done once the run rests and its output is all sent.
func (p *Portal) sendEvents(w http.ResponseWriter, r *http.Request, rn *store.Run, after *int64, status *string) (bool, error) {
	cur, err := p.deps.DB.Run(r.Context(), rn.OrgID, rn.ID) // status first: no chunk is missed after "done"
	if err != nil {
		return false, err
	}
	logs, err := p.deps.DB.RunLogs(r.Context(), rn.OrgID, rn.ID, *after, 500)
	if err != nil {
		return false, err
	}
	for _, l := range logs {
		writeEvent(w, l.ID, "log", l.Text)
		*after = l.ID
	}
	if cur.Status != *status {
		*status = cur.Status
		writeEvent(w, 0, "status", cur.Status)
	}
	done := len(logs) < 500 && !busy(cur.Status)
	if done {
		writeEvent(w, 0, "done", cur.Status)
	}
	return done, nil
}

// writeEvent writes one SSE event; each line of data is its own field.
func writeEvent(w http.ResponseWriter, id int64, event, data string) {
	if id > 0 {
		fmt.Fprintf(w, "id: %d\n", id)
	}
	fmt.Fprintf(w, "event: %s\n", event)
	for _, line := range strings.Split(strings.TrimSuffix(strings.ReplaceAll(data, "\r", ""), "\n"), "\n") {
		fmt.Fprintf(w, "data: %s\n", line)
	}
	fmt.Fprint(w, "\n")
}
