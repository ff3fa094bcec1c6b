package portal

import (
	"bytes"
	"cmp"
	"encoding/json"
	"html/template"
	"slices"
	"strconv"

	"github.com/syncloud/syncloud/internal/audit"
)

// activityEvent is one event of the activity log as the page shows it:
// the record, its Terraform files (run.plan events carry them in
// details["terraform"]) and its other details, readable.
type activityEvent struct {
	audit.Record
	Terraform []tfFile
	Fields    []detailField
}

// tfFile is one Terraform file of an event, by name.
type tfFile struct {
	Name, Code string
	// HTML is Code marked up for syntax colouring (highlight).
	HTML template.HTML
}

// detailField is one other detail: strings as they are, other values
// as compact JSON.
type detailField struct {
	Key, Value string
}

// readableEvents splits each event's details for the page.
func readableEvents(records []audit.Record) []activityEvent {
	out := make([]activityEvent, len(records))
	for i, rec := range records {
		out[i] = activityEvent{Record: rec}
		out[i].Terraform, out[i].Fields = readDetails(rec.Details)
	}
	return out
}

// readDetails reads an event's details object. Details that are not a JSON
// object come back whole as one field named "details".
func readDetails(raw json.RawMessage) ([]tfFile, []detailField) {
	if len(bytes.TrimSpace(raw)) == 0 || string(raw) == "null" {
		return nil, nil
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(raw, &obj); err != nil {
		return nil, []detailField{{Key: "details", Value: string(raw)}}
	}
	var files []tfFile
	var tf map[string]string
	if err := json.Unmarshal(obj["terraform"], &tf); err == nil && tf != nil {
		for name, code := range tf {
			files = append(files, tfFile{Name: name, Code: code, HTML: highlight(name, code)})
		}
		slices.SortFunc(files, func(a, b tfFile) int { return cmp.Compare(a.Name, b.Name) })
		delete(obj, "terraform")
	}
	fields := make([]detailField, 0, len(obj))
	for k, v := range obj {
		fields = append(fields, detailField{Key: k, Value: detailValue(v)})
	}
	slices.SortFunc(fields, func(a, b detailField) int { return cmp.Compare(a.Key, b.Key) })
	return files, fields
}

// detailValue is a string unquoted, anything else as compact JSON.
func detailValue(v json.RawMessage) string {
	var s string
	if json.Unmarshal(v, &s) == nil {
		return s
	}
	var b bytes.Buffer
	if json.Compact(&b, v) != nil {
		return string(v)
	}
	return b.String()
}

// inWorkspace reports whether an event concerns workspace id: the
// workspace itself, or a run of it (details["workspace_id"]).
func inWorkspace(rec audit.Record, id int64) bool {
	if rec.Target.Type == "workspace" && rec.Target.ID == strconv.FormatInt(id, 10) {
		return true
	}
	var d struct {
		WorkspaceID json.Number `json:"workspace_id"`
	}
	if json.Unmarshal(rec.Details, &d) != nil {
		return false
	}
	n, err := d.WorkspaceID.Int64()
	return err == nil && n == id
}
