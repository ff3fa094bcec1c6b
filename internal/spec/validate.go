package spec

import (
	"fmt"
	"regexp"
	"strings"
)

// Severity ranks a diagnostic.
type Severity uint8

// The severities of a Diagnostic.
const (
	Error Severity = iota
	Warning
)

func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// MarshalText encodes a severity as its name.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Diagnostic is one problem found in a request or a stack: how bad, where
// (a path such as "aws_instance.web.root_block_device.volume_size") and what.
type Diagnostic struct {
	Severity Severity `json:"severity"`
	Path     string   `json:"path,omitempty"`
	Message  string   `json:"message"`
}

func (d Diagnostic) String() string {
	if d.Path == "" {
		return d.Severity.String() + ": " + d.Message
	}
	return d.Severity.String() + ": " + d.Path + ": " + d.Message
}

// Diagnostics is a list of problems, collected rather than stopping at the
// first.
type Diagnostics []Diagnostic

// Errorf adds an error.
func (ds *Diagnostics) Errorf(path, format string, args ...any) {
	*ds = append(*ds, Diagnostic{Severity: Error, Path: path, Message: fmt.Sprintf(format, args...)})
}

// Warnf adds a warning.
func (ds *Diagnostics) Warnf(path, format string, args ...any) {
	*ds = append(*ds, Diagnostic{Severity: Warning, Path: path, Message: fmt.Sprintf(format, args...)})
}

// HasErrors reports whether any diagnostic is an error.
func (ds Diagnostics) HasErrors() bool {
	for _, d := range ds {
		if d.Severity == Error {
			return true
		}
	}
	return false
}

// Err returns the errors as one error value, or nil if there are none.
func (ds Diagnostics) Err() error {
	var msgs []string
	for _, d := range ds {
		if d.Severity == Error {
			msgs = append(msgs, d.String())
		}
	}
	if len(msgs) == 0 {
		return nil
	}
	return fmt.Errorf("%s", strings.Join(msgs, "; "))
}

var (
	identRe    = regexp.MustCompile(`^[a-z_][a-z0-9_-]{0,63}$`)
	typeRe     = regexp.MustCompile(`^aws_[a-z0-9_]{1,80}$`)
	attrRe     = regexp.MustCompile(`^[a-z_][a-z0-9_]{0,63}$`)
	attrPathRe = regexp.MustCompile(`^[a-z_][a-z0-9_]*(\.([a-z_][a-z0-9_]*|[0-9]+))*$`)
	regionRe   = regexp.MustCompile(`^[a-z]{2}(-gov)?-[a-z]+-[0-9]$`)
)

// ValidRegion reports whether s looks like an AWS region code.
func ValidRegion(s string) bool { return regionRe.MatchString(s) }

// ValidName reports whether s may be a resource's local name.
func ValidName(s string) bool { return identRe.MatchString(s) }

// Validate checks the stack's structure: identifiers, unique addresses,
// references that resolve, counts and provider aliases. It does not know the
// AWS provider's schema; that check belongs to the renderer's caller.
func (s *Stack) Validate() Diagnostics {
	var ds Diagnostics
	if !regionRe.MatchString(s.Region) {
		ds.Errorf("region", "%q is not an AWS region code", s.Region)
	}
	aliases := map[string]bool{}
	for _, a := range s.Aliases {
		if !attrRe.MatchString(a.Name) || aliases[a.Name] {
			ds.Errorf("alias", "provider alias %q is invalid or repeated", a.Name)
		}
		if !regionRe.MatchString(a.Region) {
			ds.Errorf("alias."+a.Name, "%q is not an AWS region code", a.Region)
		}
		aliases[a.Name] = true
	}
	seen := map[Address]*Resource{}
	for i := range s.Resources {
		r := &s.Resources[i]
		path := r.Addr().String()
		if !typeRe.MatchString(r.Type) {
			ds.Errorf(path, "resource type %q is not an AWS provider type", r.Type)
		}
		if !identRe.MatchString(r.Name) {
			ds.Errorf(path, "local name %q is not a valid identifier", r.Name)
		}
		if seen[r.Addr()] != nil {
			ds.Errorf(path, "declared twice")
		}
		seen[r.Addr()] = r
		if r.Count < 0 {
			ds.Errorf(path, "count %d is negative", r.Count)
		}
		if r.Provider != "" && !aliases[r.Provider] {
			ds.Errorf(path, "provider alias %q is not declared", r.Provider)
		}
	}
	for i := range s.Resources {
		r := &s.Resources[i]
		path := r.Addr().String()
		for _, d := range r.DependsOn {
			if seen[d] == nil {
				ds.Errorf(path, "depends on %s, which is not in the stack", d)
			}
		}
		validateBody(&ds, path, &r.Body, seen)
	}
	return ds
}

func validateBody(ds *Diagnostics, path string, b *Body, seen map[Address]*Resource) {
	names := map[string]bool{}
	for _, a := range b.Attrs {
		p := path + "." + a.Name
		if !attrRe.MatchString(a.Name) {
			ds.Errorf(p, "attribute name %q is not valid", a.Name)
		}
		if names[a.Name] {
			ds.Errorf(p, "set twice")
		}
		names[a.Name] = true
		validateValue(ds, p, a.Value, seen)
	}
	for _, blk := range b.Blocks {
		p := path + "." + blk.Type
		if !attrRe.MatchString(blk.Type) {
			ds.Errorf(p, "block type %q is not valid", blk.Type)
		}
		validateBody(ds, p, &blk.Body, seen)
	}
}

func validateValue(ds *Diagnostics, path string, v Value, seen map[Address]*Resource) {
	switch v.Kind {
	case KindList:
		for _, e := range v.List {
			validateValue(ds, path, e, seen)
		}
	case KindMap:
		for _, e := range v.Map {
			validateValue(ds, path+"."+e.Key, e.Value, seen)
		}
	case KindConcat:
		for _, p := range v.List {
			if p.Kind != KindString && p.Kind != KindRef {
				ds.Errorf(path, "a concatenation holds only strings and references, not %s", p.Kind)
			}
			validateValue(ds, path, p, seen)
		}
	case KindJSON:
		if len(v.JSON) != 1 {
			ds.Errorf(path, "a JSON value holds exactly one value")
			return
		}
		validateValue(ds, path, v.JSON[0], seen)
	case KindRef:
		r := v.Ref
		target := seen[r.To]
		switch {
		case target == nil:
			ds.Errorf(path, "refers to %s, which is not in the stack", r.To)
		case !attrPathRe.MatchString(r.Attr):
			ds.Errorf(path, "reference attribute %q is not valid", r.Attr)
		case r.Index >= 0 && !target.Counted():
			ds.Errorf(path, "indexes %s, which has no count", r.To)
		case r.Index >= target.Count && target.Counted():
			ds.Errorf(path, "index %d is beyond the %d instances of %s", r.Index, target.Count, r.To)
		case r.Index == NoIndex && target.Counted():
			ds.Errorf(path, "refers to counted %s without an index", r.To)
		}
	}
}
