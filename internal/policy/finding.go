package policy

import (
	"fmt"
	"strconv"
)

// Severity ranks a finding, from LOW to CRITICAL.
type Severity uint8

// The severities of a Finding. The zero value is not a valid severity.
const (
	Low Severity = iota + 1
	Medium
	High
	Critical
)

var severityNames = [...]string{Low: "LOW", Medium: "MEDIUM", High: "HIGH", Critical: "CRITICAL"}

// String returns the severity as Checkov writes it: "LOW" ... "CRITICAL".
func (s Severity) String() string {
	if s >= Low && s <= Critical {
		return severityNames[s]
	}
	return "Severity(" + strconv.Itoa(int(s)) + ")"
}

// MarshalText encodes a severity as its name, so JSON carries "HIGH".
func (s Severity) MarshalText() ([]byte, error) {
	if s < Low || s > Critical {
		return nil, fmt.Errorf("policy: invalid severity %d", s)
	}
	return []byte(s.String()), nil
}

// UnmarshalText decodes a severity from its name.
func (s *Severity) UnmarshalText(b []byte) error {
	sev, err := ParseSeverity(string(b))
	if err != nil {
		return err
	}
	*s = sev
	return nil
}

// ParseSeverity reads a severity name such as "HIGH", as given to a
// --fail-on flag or stored in JSON.
func ParseSeverity(name string) (Severity, error) {
	for s := Low; s <= Critical; s++ {
		if severityNames[s] == name {
			return s, nil
		}
	}
	return 0, fmt.Errorf("policy: unknown severity %q (want LOW, MEDIUM, HIGH or CRITICAL)", name)
}

// Finding is one guardrail result for one resource: a secure default that
// was applied (Fixed), a risky value kept because the user set it
// (Requested), or advice (neither).
type Finding struct {
	RuleID    string   `json:"rule_id"` // Checkov ID, e.g. "CKV_AWS_79", or SYNCLOUD_*
	Severity  Severity `json:"severity"`
	Resource  string   `json:"resource"`            // address, e.g. "aws_instance.web"
	Attribute string   `json:"attribute,omitempty"` // dotted path in the resource, e.g. "metadata_options.http_tokens"
	Message   string   `json:"message"`
	Fixed     bool     `json:"fixed"`
	Requested bool     `json:"requested"`
}

// String renders a finding on one line for logs and the CLI.
func (f Finding) String() string {
	state := ""
	switch {
	case f.Fixed:
		state = " (fixed)"
	case f.Requested:
		state = " (requested)"
	}
	return fmt.Sprintf("%s %s %s: %s%s", f.Severity, f.RuleID, f.Resource, f.Message, state)
}

// Findings is the result of hardening a stack, in a deterministic order.
type Findings []Finding

// Open returns the findings whose risk is still present in the stack: every
// finding that is not Fixed.
func (fs Findings) Open() Findings {
	var out Findings
	for _, f := range fs {
		if !f.Fixed {
			out = append(out, f)
		}
	}
	return out
}

// Above returns the open findings (not Fixed) whose severity is sev or worse.
// It is the threshold a run gates on: Above(High) non-empty means a HIGH or
// CRITICAL risk remains in the stack. Fixed findings are left out because the
// stack no longer holds the risk they describe.
func (fs Findings) Above(sev Severity) Findings {
	var out Findings
	for _, f := range fs {
		if !f.Fixed && f.Severity >= sev {
			out = append(out, f)
		}
	}
	return out
}
