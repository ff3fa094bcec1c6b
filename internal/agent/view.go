package agent

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// View renders the agent's output: human text, or with JSON one JSON
// object per line (each with a "type") for scripts.
type View struct {
	Out  io.Writer
	JSON bool
}

// emit writes one JSON line of the given type with the fields of v.
func (v *View) emit(typ string, fields map[string]any) {
	fields["type"] = typ
	b, err := json.Marshal(fields)
	if err != nil {
		b = []byte(fmt.Sprintf(`{"type":"error","error":%q}`, err.Error()))
	}
	v.Out.Write(append(b, '\n'))
}

// LoggedIn reports a login and the agent's identity.
func (v *View) LoggedIn(server string, a *AgentInfo, path string) {
	if v.JSON {
		v.emit("login", map[string]any{"server": server, "agent": a, "config": path})
		return
	}
	fmt.Fprintf(v.Out, "Logged in to %s as agent %d (%s, %s/%s).\nConfiguration saved to %s.\n",
		server, a.ID, a.Name, a.OS, a.Arch, path)
}

// WorkspaceCreated reports a new workspace.
func (v *View) WorkspaceCreated(w *Workspace) {
	if v.JSON {
		v.emit("workspace", map[string]any{"workspace": w})
		return
	}
	fmt.Fprintf(v.Out, "Created workspace %s (id %d, region %s, %s mode).\n", w.Name, w.ID, w.Region, w.ExecutionMode)
}

// Asked reports what the platform understood of a prompt.
func (v *View) Asked(a *AskResult) {
	if v.JSON {
		v.emit("ask", map[string]any{"run": a.Run, "understood": a.Understood, "unplaced": a.Unplaced})
		return
	}
	for _, u := range a.Understood {
		fmt.Fprintf(v.Out, "  understood: %s\n", u)
	}
	for _, u := range a.Unplaced {
		fmt.Fprintf(v.Out, "  not placed: %s\n", u)
	}
	fmt.Fprintf(v.Out, "Run %d queued.\n", a.Run.ID)
}

// Plan shows a planned run's changes and its summary.
func (v *View) Plan(r *Run, changes []Change) {
	if v.JSON {
		if changes == nil {
			changes = []Change{}
		}
		v.emit("plan", map[string]any{"run": r, "changes": changes, "summary": Count(changes)})
		return
	}
	fmt.Fprintf(v.Out, "\nPlan of run %d (%s):\n", r.ID, r.Operation)
	for _, c := range changes {
		fmt.Fprintf(v.Out, "  %-3s %s\n", c.Symbol, c.Address)
	}
	s := Count(changes)
	if !s.Changes() {
		fmt.Fprintln(v.Out, "  No changes.")
		return
	}
	fmt.Fprintln(v.Out, s)
}

// Progress shows one apply event as it happens.
func (v *View) Progress(ev Event) {
	if v.JSON {
		if strings.HasPrefix(ev.Type, "apply_") || ev.Type == "diagnostic" {
			v.emit("progress", map[string]any{"event": ev.Type, "resource": ev.Resource, "action": ev.Action,
				"elapsed_seconds": ev.Elapsed, "id": ev.ID, "message": ev.Message})
		}
		return
	}
	if line := progressLine(ev); line != "" {
		fmt.Fprintln(v.Out, line)
	}
}

// progressLine is the human line of an apply event, "" for events the
// display leaves out.
func progressLine(ev Event) string {
	switch ev.Type {
	case "apply_start":
		return fmt.Sprintf("  %s %s: %s...", symbolOf(ev.Action), ev.Resource, ing(ev.Action))
	case "apply_progress":
		return fmt.Sprintf("  . %s: still %s (%ds)", ev.Resource, ing(ev.Action), ev.Elapsed)
	case "apply_complete":
		line := fmt.Sprintf("  ✓ %s: %s after %ds", ev.Resource, ed(ev.Action), ev.Elapsed)
		if ev.ID != "" {
			line += " [id=" + ev.ID + "]"
		}
		return line
	case "apply_errored":
		return fmt.Sprintf("  ✗ %s: %s failed after %ds", ev.Resource, ev.Action, ev.Elapsed)
	case "diagnostic":
		return fmt.Sprintf("  %s: %s", ev.Severity, ev.Message)
	}
	return ""
}

func symbolOf(action string) string {
	switch action {
	case "create":
		return "+"
	case "update":
		return "~"
	case "delete":
		return "-"
	case "replace":
		return "-/+"
	}
	return "*"
}

func ing(action string) string {
	switch action {
	case "create", "update", "delete", "replace":
		return strings.TrimSuffix(action, "e") + "ing"
	}
	return action
}

func ed(action string) string {
	switch action {
	case "create", "update", "delete", "replace":
		return action + "d"
	}
	return action + " done"
}

// Result shows where a run ended.
func (v *View) Result(r *Run) {
	if v.JSON {
		v.emit("run", map[string]any{"run": r})
		return
	}
	switch r.Status {
	case "applied":
		imported := ""
		if r.Summary.Import > 0 {
			imported = fmt.Sprintf("%d imported, ", r.Summary.Import)
		}
		fmt.Fprintf(v.Out, "Run %d applied: %s%d added, %d changed, %d destroyed.\n", r.ID, imported, r.Summary.Add, r.Summary.Change, r.Summary.Destroy)
	case "errored":
		fmt.Fprintf(v.Out, "Run %d errored: %s\n", r.ID, r.Error)
	default:
		fmt.Fprintf(v.Out, "Run %d is %s.\n", r.ID, r.Status)
	}
}

// Runs lists a workspace's runs, newest first.
func (v *View) Runs(ws *Workspace, runs []Run) {
	if v.JSON {
		if runs == nil {
			runs = []Run{}
		}
		v.emit("runs", map[string]any{"workspace": ws.Name, "runs": runs})
		return
	}
	fmt.Fprintf(v.Out, "%-6s %-8s %-10s %-15s %-20s %s\n", "RUN", "OP", "STATUS", "+/~/-", "CREATED", "PROMPT")
	for _, r := range runs {
		counts := fmt.Sprintf("%d/%d/%d", r.Summary.Add, r.Summary.Change, r.Summary.Destroy)
		fmt.Fprintf(v.Out, "%-6d %-8s %-10s %-15s %-20s %s\n", r.ID, r.Operation, r.Status, counts,
			r.CreatedAt.UTC().Format("2006-01-02 15:04:05"), clip(r.Prompt, 60))
	}
}

func clip(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

// Message prints an informational line (nothing in JSON mode, where the
// typed records say it).
func (v *View) Message(format string, args ...any) {
	if !v.JSON {
		fmt.Fprintf(v.Out, format+"\n", args...)
	}
}

// Error reports a failure; it goes to the view's writer in both forms.
func (v *View) Error(err error) {
	if v.JSON {
		v.emit("error", map[string]any{"error": err.Error()})
		return
	}
	fmt.Fprintf(v.Out, "Error: %v\n", err)
}
