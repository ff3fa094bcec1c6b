package run

import "fmt"

// Status is where a run is in its life.
type Status string

// The statuses of a run.
const (
	Pending   Status = "pending"
	Planning  Status = "planning"
	Planned   Status = "planned"
	Approved  Status = "approved"
	Applying  Status = "applying"
	Applied   Status = "applied"
	Errored   Status = "errored"
	Discarded Status = "discarded"
)

// Final reports whether a run in this status will never change again.
func (s Status) Final() bool { return s == Applied || s == Errored || s == Discarded }

// Operation is what a run does to the workspace's resources.
type Operation string

// The operations of a run.
const (
	// OpApply makes the resources match the spec.
	OpApply Operation = "apply"
	// OpDestroy deletes every resource of the workspace.
	OpDestroy Operation = "destroy"
)

// ParseOperation reads an operation name; "" means OpApply.
func ParseOperation(s string) (Operation, error) {
	switch Operation(s) {
	case "", OpApply:
		return OpApply, nil
	case OpDestroy:
		return OpDestroy, nil
	}
	return "", fmt.Errorf("%w: operation must be apply or destroy", ErrInvalid)
}

// Mode says where a workspace's runs execute.
type Mode string

// The execution modes.
const (
	// ModePlatform runs Terraform in the server's worker pool.
	ModePlatform Mode = "platform"
	// ModeAgent leaves runs to a Local Agent on the customer's machine.
	ModeAgent Mode = "agent"
)

// ParseMode reads an execution mode; "" means ModePlatform.
func ParseMode(s string) (Mode, error) {
	switch Mode(s) {
	case "", ModePlatform:
		return ModePlatform, nil
	case ModeAgent:
		return ModeAgent, nil
	}
	return "", fmt.Errorf("%w: execution_mode must be platform or agent", ErrInvalid)
}

// strs converts statuses to the strings the store compares.
func strs(ss ...Status) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = string(s)
	}
	return out
}
