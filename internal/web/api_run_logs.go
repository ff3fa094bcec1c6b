package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/syncloud/syncloud/internal/run"
	"github.com/syncloud/syncloud/internal/store"
)

// logPoll is how often a follower looks for new output.
const logPoll = 300 * time.Millisecond

type logChunk struct {
	Seq  int64  `json:"seq"`
	Text string `json:"text"`
}

type logPage struct {
	Chunks []logChunk `json:"chunks"`
	Next   int64      `json:"next"`
	Done   bool       `json:"done"`
	Status string     `json:"status"`
}

// runLogs serves GET /api/v1/runs/{id}/logs: with follow=1 a Server-Sent
// Events stream until the run is final; otherwise a page of chunks after
// ?after=, waiting up to ?wait= seconds (at most 30) for new output.
func (s *Server) runLogs(w http.ResponseWriter, r *http.Request) error {
	rn, err := s.orgRun(r)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	after, _ := strconv.ParseInt(q.Get("after"), 10, 64)
	if id := r.Header.Get("Last-Event-ID"); id != "" {
		after, _ = strconv.ParseInt(id, 10, 64)
	}
	if q.Get("follow") == "1" {
		return s.followLogs(w, r, rn, after)
	}
	wait, _ := strconv.Atoi(q.Get("wait"))
	deadline := time.Now().Add(time.Duration(min(max(wait, 0), 30)) * time.Second)
	for {
		page, err := s.logPage(r, rn.OrgID, rn.ID, after)
		if err != nil || len(page.Chunks) > 0 || page.Done || time.Now().After(deadline) {
			if err != nil {
				return err
			}
			return writeJSON(w, http.StatusOK, page)
		}
		select {
		case <-r.Context().Done():
			return r.Context().Err()
		case <-time.After(logPoll):
		}
	}
}

// logPage reads the chunks after a sequence number and whether the run is
// final with nothing more to read.
func (s *Server) logPage(r *http.Request, orgID, runID, after int64) (*logPage, error) {
	rn, err := s.deps.DB.Run(r.Context(), orgID, runID) // status first: no chunk is missed after "done"
	if err != nil {
		return nil, err
	}
	logs, err := s.deps.DB.RunLogs(r.Context(), orgID, runID, after, 500)
	if err != nil {
		return nil, err
	}
	page := &logPage{Chunks: make([]logChunk, 0, len(logs)), Next: after, Status: rn.Status}
	for _, l := range logs {
		page.Chunks = append(page.Chunks, logChunk{Seq: l.ID, Text: l.Text})
		page.Next = l.ID
	}
	page.Done = len(logs) < 500 && run.Status(rn.Status).Final()
	return page, nil
}

// followLogs streams a run's output as Server-Sent Events: "log" events
// carry output (the event ID is the chunk's sequence number, so a
// reconnecting browser resumes with Last-Event-ID), and one "done" event
// carries the final status.
func (s *Server) followLogs(w http.ResponseWriter, r *http.Request, rn *store.Run, after int64) error {
	rc := http.NewResponseController(w)
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	for {
		rc.SetWriteDeadline(time.Now().Add(time.Minute))
		page, err := s.logPage(r, rn.OrgID, rn.ID, after)
		if err != nil {
			return nil // the stream has started; the client reconnects
		}
		for _, c := range page.Chunks {
			writeEvent(w, c.Seq, "log", c.Text)
		}
		after = page.Next
		if page.Done {
			writeEvent(w, 0, "done", page.Status)
		}
		if err := rc.Flush(); err != nil || page.Done {
			return nil
		}
		select {
		case <-r.Context().Done():
			return nil
		case <-time.After(logPoll):
		}
	}
}

// writeEvent writes one SSE event; each line of data is its own field.
func writeEvent(w http.ResponseWriter, id int64, event, data string) {
	if id > 0 {
		fmt.Fprintf(w, "id: %d\n", id)
	}
	fmt.Fprintf(w, "event: %s\n", event)
	for _, line := range strings.Split(strings.TrimSuffix(data, "\n"), "\n") {
		fmt.Fprintf(w, "data: %s\n", line)
	}
	fmt.Fprint(w, "\n")
}
