package rules

import (
	"sort"

	"github.com/syncloud/syncloud/internal/spec"
)

// removeVerbs ask for something in the stack to go.
var removeVerbs = []string{"remove", "delete", "drop", "destroy", "decommission", "kill"}

// editRemove takes a resource out of the stack with everything that refers
// to it: "remove the queue", "delete the logs bucket", "get rid of the
// orders table".
func editRemove(c *Ctx, s, e int) bool {
	verb := c.T.findIn(s, e, removeVerbs...)
	if verb < 0 {
		if verb = c.T.Phrase(s, "get rid of"); verb < 0 || verb >= e {
			return false
		}
		verb += 2
	}
	// The resource follows the verb: "delete the logs bucket", not "delete
	// old objects from the logs bucket".
	refs := c.listedRefs(verb, e)
	if len(refs) == 0 {
		return false
	}
	for _, r := range refs {
		switch {
		case r.why != "":
			c.Unplaced(c.T.Span(s, e) + ": " + r.why)
		case len(r.addrs) > 1 && !plural(c.T, r.noun):
			c.Unplaced(c.T.Span(s, e) + ": names " + addrList(r.addrs) + "; say which one")
		default:
			for _, a := range r.addrs {
				if c.Stack.Find(a) != nil {
					c.removeWithDependents(a)
				}
			}
		}
	}
	return true
}

// listedRefs reads the references listed right after token at: "the queue",
// "the jobs queue and the alerts topic", "the bucket, the table".
func (c *Ctx) listedRefs(at, e int) []ref {
	var out []ref
	for {
		r, ok := c.refIn(at+1, min(e, at+6))
		if !ok || r.from > at+2 {
			return out
		}
		out = append(out, r)
		at = r.noun
		if c.T.Is(at+1, "and") || c.T.Toks[at].Break {
			at++
		}
	}
}

func plural(t *Text, i int) bool {
	n := t.Norm(i)
	return len(n) > 1 && n[len(n)-1] == 's' && n != "nodes" || t.Is(i-1, "all", "both", "those", "these")
}

func addrList(as []spec.Address) string {
	out := ""
	for i, a := range as {
		if i > 0 {
			out += ", "
		}
		out += a.String()
	}
	return out
}

// removeWithDependents removes a and every resource that references it,
// directly or through another removed resource, so that nothing is left
// pointing at what is gone.
func (c *Ctx) removeWithDependents(a spec.Address) {
	gone := map[spec.Address]bool{a: true}
	for grew := true; grew; {
		grew = false
		for i := range c.Stack.Resources {
			r := &c.Stack.Resources[i]
			if !gone[r.Addr()] && dependsOnAny(r, gone) {
				gone[r.Addr()] = true
				grew = true
			}
		}
	}
	var deps []string
	for g := range gone {
		c.Stack.Remove(g)
		if g != a {
			deps = append(deps, g.String())
		}
	}
	sort.Strings(deps)
	c.Understand("removed %s", a)
	for _, d := range deps {
		c.Understand("removed %s (it refers to %s)", d, a)
	}
}

// dependsOnAny reports whether r references or depends on any address in
// set.
func dependsOnAny(r *spec.Resource, set map[spec.Address]bool) bool {
	for _, d := range r.DependsOn {
		if set[d] {
			return true
		}
	}
	return anyValue(r.Body, func(v spec.Value) bool { return v.Kind == spec.KindRef && set[v.Ref.To] })
}
