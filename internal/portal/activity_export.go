package portal

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/syncloud/syncloud/internal/audit"
)

// activityExport serves GET /activity/export?format=csv|jsonl with the
// page's filters: the events as a download.
//
// The export is every matching event from the start of the log (or after
// ?after=), read a page at a time and streamed.
func (p *Portal) activityExport(w http.ResponseWriter, r *http.Request) error {
	_, f, ws, msg, err := activityQuery(r)
	if err != nil {
		return err
	}
	if msg != "" {
		return &pageError{status: http.StatusBadRequest, msg: msg}
	}
	format := r.URL.Query().Get("format")
	if format != "csv" && format != "jsonl" {
		return &pageError{status: http.StatusBadRequest, msg: "Choose CSV or JSON Lines."}
	}
	name := fmt.Sprintf("activity-%s.%s", time.Now().UTC().Format("20060102-150405"), format)
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	write := writeJSONLines(w)
	w.Header().Set("Content-Type", "application/jsonl; charset=utf-8")
	if format == "csv" {
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		write = writeCSV(w)
	}
	orgID := mustPrincipal(r.Context()).OrgID
	for {
		events, err := p.listActivity(r.Context(), orgID, f, ws)
		if err != nil {
			return err // after the first page the download ends short
		}
		if err := write(events); err != nil {
			return err
		}
		if len(events) < f.Limit {
			return nil
		}
		f.AfterSeq = events[len(events)-1].Seq
	}
}

// writeJSONLines returns a writer of events as JSON lines.
func writeJSONLines(w http.ResponseWriter) func([]audit.Record) error {
	enc := json.NewEncoder(w)
	return func(events []audit.Record) error {
		for _, e := range events {
			if err := enc.Encode(e); err != nil {
				return fmt.Errorf("export activity: %w", err)
			}
		}
		return nil
	}
}

// writeCSV returns a writer of events as CSV rows under a header; details
// stay canonical JSON.
func writeCSV(w http.ResponseWriter) func([]audit.Record) error {
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{"seq", "time", "actor_type", "actor_id", "actor_label", "action", "target_type", "target_id", "details", "prev_hash", "hash"})
	return func(events []audit.Record) error {
		for _, e := range events {
			_ = cw.Write([]string{strconv.FormatInt(e.Seq, 10), e.Time.UTC().Format(time.RFC3339Nano), e.Actor.Type, e.Actor.ID,
				e.Actor.Label, e.Action, e.Target.Type, e.Target.ID, string(e.Details), e.PrevHash, e.Hash})
		}
		cw.Flush()
		if err := cw.Error(); err != nil {
			return fmt.Errorf("export activity: %w", err)
		}
		return nil
	}
}
