package rules

import (
	"strings"

	"github.com/syncloud/syncloud/internal/spec"
)

// The edit phase. When a prompt is written against a workspace's current
// stack, each clause that changes something already there ("turn off
// versioning on the logs bucket", "scale the web servers to 4", "remove the
// queue", "destroy everything") is applied to the stack here, before any
// family runs. The clauses it applies are taken out of the text the families
// read, so that "the logs bucket" never becomes a second bucket; the other
// clauses ("add a second table called refunds") reach the families as
// before.

// editOp applies one kind of edit to the clause [s, e) and reports whether
// the clause was its to handle. A clause it handles is consumed even when
// the edit could not be made (the reason is then recorded as unplaced).
type editOp func(c *Ctx, s, e int) bool

// editOps lists the edits in the order they are tried on a clause.
func editOps() []editOp {
	return []editOp{editDestroyAll, editVersioning, editMultiAZ, editScale, editClass,
		editStorage, editRetention, editRemove}
}

// edit runs the edit phase over the whole prompt and returns how many
// clauses it consumed. It leaves in c.T only the clauses no edit took.
func (c *Ctx) edit() int {
	var kept []span
	consumed := 0
	for _, sp := range c.T.editClauses() {
		if c.applyEdit(sp.from, sp.to) {
			consumed++
			continue
		}
		if k := c.editTail(sp); k > sp.from {
			consumed++
			sp.to = k
		}
		kept = append(kept, sp)
	}
	if consumed > 0 {
		c.keepOnly(kept)
	}
	return consumed
}

func (c *Ctx) applyEdit(s, e int) bool {
	if c.asksNew(s, e) {
		return false // "add a postgres database with 100 GB of storage" is the families'
	}
	for _, op := range editOps() {
		if op(c, s, e) {
			return true
		}
	}
	return false
}

// editTail applies an edit written as a statement about an existing
// resource after a joiner ("add a table called invoices and the audit
// bucket should not be versioned"), and returns where that tail starts, or
// -1 when the clause has no such tail. Only a tail an edit takes is split
// off, so "reads the orders table and the logs bucket" stays whole.
func (c *Ctx) editTail(sp span) int {
	for k := sp.from + 1; k+1 < sp.to; k++ {
		if c.T.Is(k, clauseJoiners...) && c.T.Is(k+1, refDeterminers...) && c.applyEdit(k, sp.to) {
			return k
		}
	}
	return -1
}

// span is a run of tokens [from, to).
type span struct{ from, to int }

// clauseJoiners join two requests in one sentence: "... and turn off ...".
var clauseJoiners = []string{"and", "then", "also", "plus"}

// editVerbs start a clause after a joiner.
var editVerbs = append([]string{"turn", "remove", "drop", "destroy", "tear", "scale", "change", "switch",
	"resize", "disable", "increase", "decrease", "upgrade", "downgrade", "suspend", "get", "bump", "raise",
	"lower", "set", "make", "shrink", "grow", "reduce", "stop", "pause"}, buildVerbs...)

// editClauses splits the text at clause breaks and at joiners followed by a
// verb.
func (t *Text) editClauses() []span {
	var out []span
	start := 0
	for i := 0; i < t.Len(); i++ {
		cut := i
		switch {
		case t.Toks[i].Break:
			cut = i + 1
		case i > start && t.Is(i, clauseJoiners...) && t.Is(i+1, editVerbs...) && !t.Is(i+1, "set"):
		default:
			continue
		}
		if cut > start {
			out = append(out, span{start, cut})
		}
		start = cut
	}
	if start < t.Len() {
		out = append(out, span{start, t.Len()})
	}
	return out
}

// keepOnly replaces the text the families read with the kept clauses,
// carrying over which tokens were already claimed.
func (c *Ctx) keepOnly(kept []span) {
	nt := &Text{}
	var claimed []bool
	var raws []string
	for _, sp := range kept {
		for i := sp.from; i < sp.to; i++ {
			tok := c.T.Toks[i]
			if i == sp.to-1 {
				tok.Break = true
			}
			nt.Toks = append(nt.Toks, tok)
			claimed = append(claimed, c.Claimed(i))
			raws = append(raws, tok.Raw)
		}
	}
	nt.Prompt = strings.Join(raws, " ")
	c.T = nt
	c.claimed = claimed
}

// editDestroyAll empties the stack for "destroy everything", "tear it all
// down", "delete all resources": the caller then plans a destroy. Every word
// after the verb must be one of these, so that "delete all objects after 30
// days" stays a lifecycle rule.
func editDestroyAll(c *Ctx, s, e int) bool {
	verb := c.T.findIn(s, e, "destroy", "delete", "remove", "tear", "teardown", "wipe", "nuke", "drop")
	if verb < 0 || verb > s+2 {
		return false
	}
	whole := c.T.Is(verb, "teardown")
	for k := verb + 1; k < e; k++ {
		switch {
		case c.T.Is(k, "everything", "all", "stack", "workspace", "infrastructure", "down", "resources"):
			whole = true
		case !c.T.Is(k, "it", "the", "whole", "entire", "of", "please", "now", "this", "my", "our", "and"):
			return false
		}
	}
	if !whole {
		return false
	}
	n := 0
	for _, r := range c.Stack.Resources {
		if r.Mode == spec.Managed {
			n++
		}
	}
	c.Stack.Resources = nil
	c.Understand("removed every resource (%d) from the stack: the plan destroys them", n)
	return true
}

// findIn returns the first token in [from, to) matching words, or -1.
func (t *Text) findIn(from, to int, words ...string) int {
	if i := t.Find(from, words...); i >= 0 && i < to {
		return i
	}
	return -1
}
