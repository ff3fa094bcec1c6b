package policy

import (
	"strconv"
	"strings"

	"github.com/syncloud/syncloud/internal/spec"
)

// sameLiteral reports whether two values are the same literal. References
// never compare equal: their value is unknown until apply, so policy treats
// them as whatever the user chose.
func sameLiteral(a, b spec.Value) bool {
	if a.Kind != b.Kind {
		// A provider attribute typed string may hold "true".
		if x, ok := boolOf(a); ok {
			if y, ok := boolOf(b); ok {
				return x == y
			}
		}
		return false
	}
	switch a.Kind {
	case spec.KindString:
		return a.Str == b.Str
	case spec.KindNumber:
		return a.Num == b.Num
	case spec.KindBool:
		return a.Bool == b.Bool
	case spec.KindNull:
		return true
	}
	return false
}

// boolOf reads a literal boolean, also in the string form that some provider
// attributes use ("true").
func boolOf(v spec.Value) (bool, bool) {
	switch v.Kind {
	case spec.KindBool:
		return v.Bool, true
	case spec.KindString:
		b, err := strconv.ParseBool(v.Str)
		return b, err == nil
	}
	return false, false
}

// isRef reports whether v is a reference, whose value policy cannot know.
func isRef(v spec.Value) bool { return v.Kind == spec.KindRef }

// notFalse is the safety test of boolean settings: a literal false is unsafe;
// true and references are accepted.
func notFalse(v spec.Value) bool {
	b, ok := boolOf(v)
	return !ok || b
}

// stringsOf returns the literal strings of a string or a list of strings.
func stringsOf(v spec.Value) []string {
	switch v.Kind {
	case spec.KindString:
		return []string{v.Str}
	case spec.KindList:
		var out []string
		for _, e := range v.List {
			if e.Kind == spec.KindString {
				out = append(out, e.Str)
			}
		}
		return out
	}
	return nil
}

// intOf reads a literal whole number, also from a numeric string.
func intOf(v spec.Value) (int, bool) {
	switch v.Kind {
	case spec.KindNumber:
		return int(v.Num), v.Num == float64(int(v.Num))
	case spec.KindString:
		n, err := strconv.Atoi(strings.TrimSpace(v.Str))
		return n, err == nil
	}
	return 0, false
}

// stringAttr returns a literal string attribute, or "".
func stringAttr(b *spec.Body, name string) string {
	if v, ok := b.Get(name); ok && v.Kind == spec.KindString {
		return v.Str
	}
	return ""
}
