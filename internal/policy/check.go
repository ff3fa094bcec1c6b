package policy

import (
	"fmt"

	"github.com/syncloud/syncloud/internal/spec"
)

// check collects the findings of one rule on one resource.
type check struct {
	stack    *spec.Stack
	resource string
	out      *Findings
}

// fixed records a secure default that was applied.
func (c *check) fixed(id string, sev Severity, attr, format string, args ...any) {
	c.add(Finding{RuleID: id, Severity: sev, Attribute: attr, Message: fmt.Sprintf(format, args...), Fixed: true})
}

// requested records a risky value kept because the user set it.
func (c *check) requested(id string, sev Severity, attr, format string, args ...any) {
	c.add(Finding{RuleID: id, Severity: sev, Attribute: attr, Message: fmt.Sprintf(format, args...), Requested: true})
}

// advise records a risk that no default removes and nobody asked for.
func (c *check) advise(id string, sev Severity, attr, format string, args ...any) {
	c.add(Finding{RuleID: id, Severity: sev, Attribute: attr, Message: fmt.Sprintf(format, args...)})
}

func (c *check) add(f Finding) {
	f.Resource = c.resource
	*c.out = append(*c.out, f)
}

// setting is one secure default: the value to write when the attribute is
// unset, and how to tell whether an explicit value is safe.
type setting struct {
	id     string
	sev    Severity // of the default applied; an unsafe explicit value is reported as High
	attr   string   // attribute name in the body
	path   string   // attribute path reported, "" means attr
	want   spec.Value
	safe   func(spec.Value) bool // nil means "equals want"
	reason string                // what the setting protects, for messages
}

// enforce applies st to body b: the default where unset, a High Requested
// finding where set to an unsafe value, nothing where already safe.
func (c *check) enforce(b *spec.Body, st setting) {
	path := st.path
	if path == "" {
		path = st.attr
	}
	v, ok := b.Get(st.attr)
	if !ok {
		b.Set(st.attr, st.want)
		c.fixed(st.id, st.sev, path, "set %s = %s (%s)", path, st.want.GoString(), st.reason)
		return
	}
	safe := st.safe
	if safe == nil {
		safe = func(v spec.Value) bool { return sameLiteral(v, st.want) }
	}
	if !safe(v) {
		c.requested(st.id, High, path, "%s = %s was explicitly requested and is kept, though %s is off",
			path, v.GoString(), st.reason)
	}
}
