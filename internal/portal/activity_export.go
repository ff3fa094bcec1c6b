package portal

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"time"
)

// activityExport serves GET /activity/export?format=csv|jsonl with the
// page's filters: the events as a download.
func (p *Portal) activityExport(w http.ResponseWriter, r *http.Request) error {
	v, err := p.activityView(r)
	if err != nil {
		return err
	}
	if v.Error != "" {
		return &pageError{status: http.StatusBadRequest, msg: v.Error}
	}
	format := r.URL.Query().Get("format")
	if format != "csv" && format != "jsonl" {
		return &pageError{status: http.StatusBadRequest, msg: "Choose CSV or JSON Lines."}
	}
	name := fmt.Sprintf("activity-%s.%s", time.Now().UTC().Format("20060102-150405"), format)
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	if format == "jsonl" {
		w.Header().Set("Content-Type", "application/jsonl; charset=utf-8")
		return writeJSONLines(w, v.Events)
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	return writeCSV(w, v.Events)
}

func writeJSONLines(w http.ResponseWriter, events []activityEvent) error {
	enc := json.NewEncoder(w)
	for _, e := range events {
		if err := enc.Encode(e.Record); err != nil {
			return fmt.Errorf("export activity: %w", err)
		}
	}
	return nil
}

// writeCSV writes one row per event; details stay canonical JSON.
func writeCSV(w http.ResponseWriter, events []activityEvent) error {
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{"seq", "time", "actor_type", "actor_id", "actor_label", "action", "target_type", "target_id", "details", "prev_hash", "hash"})
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
