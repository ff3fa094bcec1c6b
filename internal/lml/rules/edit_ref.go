package rules

import (
	"strings"

	"github.com/syncloud/syncloud/internal/spec"
)

// References to resources already in the stack: a type noun ("bucket",
// "table", "web servers") with a name or role word before it ("the logs
// bucket") or after it ("the table called orders"), or the only resource of
// that kind ("the queue").

// refNoun maps words for a kind of resource to the types it may be.
type refNoun struct {
	words []string
	types []string
}

var refNouns = []refNoun{
	{[]string{"bucket"}, []string{"aws_s3_bucket"}},
	{[]string{"table"}, []string{"aws_dynamodb_table"}},
	{[]string{"queue"}, []string{"aws_sqs_queue"}},
	{[]string{"topic"}, []string{"aws_sns_topic"}},
	{[]string{"database", "db", "rds"}, []string{"aws_db_instance", "aws_rds_cluster"}},
	{[]string{"server", "instance", "vm", "ec2", "box", "machine", "host"}, []string{"aws_instance", "aws_autoscaling_group"}},
	{[]string{"asg", "autoscaling"}, []string{"aws_autoscaling_group"}},
	{[]string{"cluster"}, []string{"aws_ecs_cluster", "aws_eks_cluster", "aws_rds_cluster"}},
	{[]string{"service", "container", "task"}, []string{"aws_ecs_service"}},
	{[]string{"nodegroup", "nodes", "node"}, []string{"aws_eks_node_group"}},
	{[]string{"function", "lambda"}, []string{"aws_lambda_function"}},
	{[]string{"vpc", "network"}, []string{"aws_vpc"}},
	{[]string{"subnet"}, []string{"aws_subnet"}},
	{[]string{"cache", "redis"}, []string{"aws_elasticache_replication_group", "aws_elasticache_cluster"}},
	{[]string{"log", "logs"}, []string{"aws_cloudwatch_log_group"}},
}

// refDeterminers point back at something that exists.
var refDeterminers = []string{"the", "my", "our", "that", "this", "those", "these", "existing", "current", "its", "your", "both", "all"}

// newDeterminers ask for something new.
var newDeterminers = []string{"a", "an", "another", "new", "second", "extra", "additional", "more", "one"}

// qualifierSkip are words between a determiner and a noun that name no
// particular resource.
var qualifierSkip = []string{"s3", "dynamodb", "ddb", "sqs", "sns", "aws", "amazon", "rds", "ec2", "only", "whole",
	"entire", "postgres", "postgresql", "mysql", "aurora", "eks", "ecs", "fargate", "group", "of"}

// ref is a reference found in a clause.
type ref struct {
	noun  int // token of the type noun
	from  int // first token of the phrase
	addrs []spec.Address
	words []string // name or role words the user gave
	why   string   // set when the phrase names nothing in the stack
}

// refIn finds the first reference in [s, e) among the given types (any
// type when types is empty). ok is false when the clause names no existing
// resource kind at all, or asks for a new one ("a new bucket").
func (c *Ctx) refIn(s, e int, types ...string) (ref, bool) {
	for i := s; i < e; i++ {
		n, ok := nounAt(c.T, i, types)
		if !ok {
			continue
		}
		if _, next := nounAt(c.T, i+1, nil); next && i+1 < e {
			continue // "the logs bucket": "logs" names the bucket
		}
		r, ok := c.resolveAt(i, s, e, n, types)
		if ok {
			return r, true
		}
	}
	return ref{}, false
}

func nounAt(t *Text, i int, types []string) (refNoun, bool) {
	if i < 0 || i >= t.Len() || t.Toks[i].Quoted {
		return refNoun{}, false
	}
	for _, n := range refNouns {
		if !t.Is(i, n.words...) {
			continue
		}
		if len(types) == 0 || overlap(n.types, types) {
			return n, true
		}
	}
	return refNoun{}, false
}

func overlap(a, b []string) bool {
	for _, x := range a {
		for _, y := range b {
			if x == y {
				return true
			}
		}
	}
	return false
}

// resolveAt reads the phrase around the noun at i and finds what it names.
func (c *Ctx) resolveAt(i, s, e int, n refNoun, only []string) (ref, bool) {
	r := ref{noun: i, from: i}
	det, isNew := c.readQualifiers(&r, s)
	if isNew {
		return ref{}, false
	}
	if name, k, ok := c.T.NameAfter(i+1, 1); ok && k < e {
		r.words = append(r.words, strings.ToLower(name))
	}
	types := n.types
	if len(only) > 0 {
		types = intersect(n.types, only)
	}
	r.addrs = c.matching(types, r.words)
	if len(r.addrs) == 0 && allRoles(r.words) {
		r.addrs = c.matching(types, nil) // "the web servers" when there is one kind of server
		if len(r.addrs) > 1 {
			r.addrs = nil
		}
	}
	switch {
	case len(r.addrs) > 0:
		return r, true
	case !det && len(r.words) == 0:
		return ref{}, false
	case len(c.ofTypes(types)) == 0 && !det:
		return ref{}, false
	}
	r.why = "no " + c.T.Norm(i) + " " + strings.Join(r.words, " ") + " in the current stack"
	return r, true
}

// readQualifiers reads the words before the noun of r, back to a
// determiner: "the logs" in "the logs bucket". det reports a determiner that
// points back; isNew one that asks for something new ("a", "another").
func (c *Ctx) readQualifiers(r *ref, s int) (det, isNew bool) {
	for k := r.noun - 1; k >= s && k >= r.noun-3; k-- {
		switch {
		case c.T.Is(k, newDeterminers...):
			return false, true
		case c.T.Is(k, refDeterminers...):
			r.from = k
			return true, false
		case c.T.Toks[k].Break || c.T.Is(k, "to", "on", "from", "for", "in", "of", "and", "off"):
			return false, false
		case !c.T.Is(k, qualifierSkip...) && !isEditWord(c.T, k):
			r.words = append(r.words, c.T.Norm(k))
			r.from = k
		}
	}
	return false, false
}

func isEditWord(t *Text, k int) bool {
	_, isNum := t.Number(k, true)
	return isNum || t.Is(k, removeVerbs...) || t.Is(k, "versioning", "versioned", "multi-az", "off", "on", "scale",
		"make", "turn", "set", "change", "switch", "add", "enable", "disable", "get", "rid", "resize")
}

func intersect(a, b []string) []string {
	var out []string
	for _, x := range a {
		if overlap([]string{x}, b) {
			out = append(out, x)
		}
	}
	return out
}

func (c *Ctx) ofTypes(types []string) []*spec.Resource {
	var out []*spec.Resource
	for _, t := range types {
		out = append(out, c.Stack.OfType(t)...)
	}
	return out
}

// matching returns the resources of types that every word names; with no
// words, all of them.
func (c *Ctx) matching(types, words []string) []spec.Address {
	var out []spec.Address
	for _, r := range c.ofTypes(types) {
		if namesAll(r, words) {
			out = append(out, r.Addr())
		}
	}
	return out
}

func namesAll(r *spec.Resource, words []string) bool {
	for _, w := range words {
		if !names(r, w) {
			return false
		}
	}
	return true
}

// roleWords describe what a resource is for; when no resource is named
// after them, they still point at the only resource of its kind.
var roleWords = []string{"web", "app", "application", "api", "worker", "workers", "frontend", "backend",
	"main", "primary", "production", "prod"}

func allRoles(words []string) bool {
	for _, w := range words {
		if !dataContains(roleWords, w) {
			return false
		}
	}
	return len(words) > 0
}

// nameAttrs are the attributes that carry a resource's own name.
var nameAttrs = map[string]bool{"bucket": true, "bucket_prefix": true, "name": true, "name_prefix": true,
	"identifier": true, "function_name": true, "cluster_identifier": true, "node_group_name": true,
	"replication_group_id": true, "cluster_id": true}

// names reports whether a word names r: its local name, a part of it, or
// part of one of its literal string attributes (bucket, name, identifier).
// A word with a hyphen ("audit-archive") names the resource called
// audit_archive and the bucket "audit-archive".
func names(r *spec.Resource, word string) bool {
	w := LocalName(word)
	stems := []string{w, strings.TrimSuffix(w, "s"), strings.TrimSuffix(w, "es")}
	if r.Name == w || r.Name == stems[1] {
		return true
	}
	for _, part := range strings.Split(r.Name, "_") {
		for _, st := range stems {
			if part == st || part == st+"s" {
				return true
			}
		}
	}
	return literalNames(r, stems[1]) || literalNames(r, strings.ReplaceAll(stems[1], "_", "-"))
}

// literalNames reports whether stem is part of r's Name tag or of one of
// the attributes that carry its own name.
func literalNames(r *spec.Resource, stem string) bool {
	if v, ok := r.Body.Get("tags"); ok {
		for _, en := range v.Map {
			if en.Key == "Name" && strings.Contains(strings.ToLower(en.Value.Str), stem) {
				return true
			}
		}
	}
	for _, a := range r.Body.Attrs {
		if a.Value.Kind == spec.KindString && nameAttrs[a.Name] && strings.Contains(strings.ToLower(a.Value.Str), stem) {
			return true
		}
	}
	return false
}

// existingNamed returns the resources of typ that "the <name> <noun>" at
// the noun token at names ("the logs bucket"), claiming the name word, or
// nil. Families call it so that a setting on an existing resource does not
// declare a new one.
func (c *Ctx) existingNamed(at int, typ string) []*spec.Resource {
	if !c.T.Is(at-2, refDeterminers...) || c.T.Is(at-1, qualifierSkip...) || c.T.Is(at-1, newDeterminers...) {
		return nil
	}
	var out []*spec.Resource
	for _, r := range c.Stack.OfType(typ) {
		if names(r, c.T.Norm(at-1)) {
			out = append(out, r)
		}
	}
	if len(out) > 0 {
		c.Claim(at-1, at)
	}
	return out
}

// asksNew reports whether the clause [s, e) asks for a new resource: a type
// noun after "a", "an", "another", "new"...
func (c *Ctx) asksNew(s, e int) bool {
	for i := s; i < e; i++ {
		if _, ok := nounAt(c.T, i, nil); !ok {
			continue
		}
		r := ref{noun: i}
		if _, isNew := c.readQualifiers(&r, s); isNew {
			return true
		}
	}
	return false
}
