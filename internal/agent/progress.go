package agent

import (
	"bytes"
	"encoding/json"
	"io"
)

// Event is one line of Terraform's machine-readable UI (`terraform apply
// -json`) that the progress display cares about.
type Event struct {
	// Type is apply_start, apply_progress, apply_complete, apply_errored,
	// diagnostic, change_summary, or another type passed through.
	Type string
	// Message is Terraform's human rendering of the event.
	Message string
	// Resource is the resource address of apply_* events.
	Resource string
	// Action is the change being applied: create, update, delete, ...
	Action string
	// Elapsed is the seconds since the resource's apply started.
	Elapsed int
	// ID is the resource's ID once known (apply_complete).
	ID string
	// Severity is set on diagnostic events (error or warning).
	Severity string
}

// uiLine is the JSON form of a machine-readable UI message.
type uiLine struct {
	Message string `json:"@message"`
	Type    string `json:"type"`
	Hook    struct {
		Resource struct {
			Addr string `json:"addr"`
		} `json:"resource"`
		Action         string `json:"action"`
		ElapsedSeconds int    `json:"elapsed_seconds"`
		IDValue        string `json:"id_value"`
	} `json:"hook"`
	Diagnostic struct {
		Severity string `json:"severity"`
	} `json:"diagnostic"`
}

// ParseEvent reads one machine-readable UI line; ok is false for a line
// that is not such a message.
func ParseEvent(line []byte) (Event, bool) {
	var l uiLine
	if err := json.Unmarshal(line, &l); err != nil || l.Type == "" {
		return Event{}, false
	}
	return Event{Type: l.Type, Message: l.Message, Resource: l.Hook.Resource.Addr, Action: l.Hook.Action,
		Elapsed: l.Hook.ElapsedSeconds, ID: l.Hook.IDValue, Severity: l.Diagnostic.Severity}, true
}

// EventWriter splits Terraform's -json output into lines: each parsed
// event goes to On, and its human message (or the raw line when it is
// not an event) to Log.
type EventWriter struct {
	On  func(Event)
	Log io.Writer
	buf []byte
}

// Write implements io.Writer.
func (w *EventWriter) Write(p []byte) (int, error) {
	w.buf = append(w.buf, p...)
	for {
		i := bytes.IndexByte(w.buf, '\n')
		if i < 0 {
			return len(p), nil
		}
		w.line(w.buf[:i])
		w.buf = w.buf[i+1:]
	}
}

// Flush handles a last line without a newline.
func (w *EventWriter) Flush() {
	if len(w.buf) > 0 {
		w.line(w.buf)
		w.buf = nil
	}
}

func (w *EventWriter) line(b []byte) {
	ev, ok := ParseEvent(b)
	text := string(b)
	if ok {
		text = ev.Message
		if w.On != nil {
			w.On(ev)
		}
	}
	if w.Log != nil {
		io.WriteString(w.Log, text+"\n")
	}
}
