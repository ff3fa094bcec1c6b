package rules

import (
	"context"
	"slices"
	"sort"
	"strings"

	"github.com/syncloud/syncloud/internal/lml"
	"github.com/syncloud/syncloud/internal/spec"
)

// Engine is the built-in, deterministic, offline engine.
type Engine struct{}

// Name identifies the engine.
func (Engine) Name() string { return "rules" }

// family builds one area of AWS from a prompt. Families run in stage order:
// every family declares its resources first, then every family links them
// (triggers, subscriptions, attachments) once all exist.
type family struct {
	name    string
	stage   stage
	declare func(c *Ctx)
	link    func(c *Ctx) // may be nil
}

// stage orders families: those others depend on come first.
type stage int

const (
	stageNetwork stage = iota // VPCs and subnets, which others place things in
	stageData                 // storage, databases, keys, queues
	stageCompute              // instances, containers, functions
	stageEdge                 // load balancers, DNS, CDN, APIs
	stageGeneric              // what is left: standalone security groups, the long tail
)

func allFamilies() []family {
	fs := append(append(append(networkComputeFamilies(), dataFamilies()...), appFamilies()...), genericFamilies()...)
	fs = append(fs, longTailFamily())
	sort.SliceStable(fs, func(i, j int) bool { return fs[i].stage < fs[j].stage })
	return fs
}

// Draft builds a stack from a prompt.
func (e Engine) Draft(ctx context.Context, req lml.Request) (*lml.Draft, error) {
	t := Tokenize(req.Prompt)
	if t.Len() == 0 {
		return nil, &lml.NothingError{Unplaced: []string{"(empty request)"}}
	}
	if reason, ok := notARequest(t); ok {
		return nil, &lml.NothingError{Understood: []string{reason}}
	}
	stack := &spec.Stack{}
	if req.Current != nil {
		stack = req.Current.Clone()
	}
	c := newCtx(t, stack)
	if req.Current != nil {
		c.prior = make(map[spec.Address]bool, len(req.Current.Resources))
		for _, r := range req.Current.Resources {
			c.prior[r.Addr()] = true
		}
	}
	c.chooseRegion(req)
	c.readTags()
	edits := 0
	if req.Current != nil {
		edits = c.edit()
	}
	fams := allFamilies()
	for _, f := range fams {
		f.declare(c)
	}
	for _, f := range fams {
		if f.link != nil {
			f.link(c)
		}
	}
	c.applyTags()
	c.reportUnplaced()
	if edits == 0 && (len(stack.Resources) == 0 || !hasManaged(stack)) {
		return nil, &lml.NothingError{Understood: c.understood, Unplaced: c.unplaced}
	}
	return &lml.Draft{Stack: stack, Understood: c.understood, Assumptions: c.assumptions, Unplaced: c.unplaced}, nil
}

func hasManaged(s *spec.Stack) bool {
	for _, r := range s.Resources {
		if r.Mode == spec.Managed {
			return true
		}
	}
	return false
}

func (c *Ctx) chooseRegion(req lml.Request) {
	switch r, ok := c.T.MainRegion(); {
	case req.Region != "":
		c.Stack.Region = req.Region
	case ok:
		c.Stack.Region = r.Code
		c.Claim(r.At, r.At+r.Len)
		if r.Source != r.Code {
			c.Understand("region %s (from %q)", r.Code, r.Source)
		} else {
			c.Understand("region %s", r.Code)
		}
	case c.Stack.Region != "":
	case arnRegion(c.T) != "":
		c.Stack.Region = arnRegion(c.T)
		c.Understand("region %s (where the ARNs the request names live)", c.Stack.Region)
	default:
		c.Stack.Region = lml.DefaultRegion
		c.Assume("region", "no region named: using %s", lml.DefaultRegion)
	}
}

// questionStarts begin prompts that ask about something rather than for it.
var questionStarts = []string{"what", "what's", "whats", "how", "why", "where", "who", "which",
	"tell", "write", "explain", "describe", "is", "are", "does", "do", "should", "compare", "summarise",
	"summarize", "estimate", "recommend", "suggest", "advise"}

// buildVerbs are words that make a prompt a request even when it starts like
// a question ("how do I get a VPC with...", "can you set up ...").
var buildVerbs = []string{"create", "make", "build", "launch", "deploy", "provision", "spin", "set", "setup",
	"give", "add", "need", "want", "run", "host", "put", "configure", "stand", "start", "store", "replicate",
	"encrypt", "expose", "count", "alarm", "attach", "register", "subscribe", "enable", "send", "route",
	"forward", "trigger", "notify", "invoke", "fire", "move", "keep", "delete", "rotate", "scale", "allow",
	"block", "serve", "copy", "back", "backup", "install", "open", "connect", "schedule"}

// notARequest reports prompts that ask a question rather than for
// infrastructure ("How much does an m5.large cost?").
func notARequest(t *Text) (string, bool) {
	start := politeLead(t)
	if !t.Is(start, questionStarts...) {
		return "", false
	}
	// "Do I need a NAT gateway?", "Should we use ECS?": asking whether to,
	// whatever the verb.
	asksWhether := t.Is(start, "do", "does", "should", "is", "are") && t.Is(start+1, "i", "we") && strings.HasSuffix(strings.TrimSpace(t.Prompt), "?")
	for i := start + 1; i < t.Len() && !asksWhether; i++ {
		if t.Is(i, buildVerbs...) && !t.Is(i-1, "does", "much") && !agentNoun(t.Norm(i)) {
			return "", false
		}
	}
	return "this reads as a question (" + strings.ToLower(t.Span(0, min(4, t.Len()))) + " …), not a request for infrastructure", true
}

// agentNoun reports a noun made from a build verb ("server", "routers",
// "scheduler"), which the typo-tolerant match would otherwise read as the
// verb ("serve").
func agentNoun(w string) bool {
	w = strings.TrimSuffix(w, "s")
	for _, sfx := range []string{"r", "er", "or"} {
		if base, ok := strings.CutSuffix(w, sfx); ok && len(base) > 2 && slices.Contains(buildVerbs, base) {
			return true
		}
	}
	return false
}

// politeLead returns the index of the first word after a polite opening
// ("please", "hi,", "can you", "could you please").
func politeLead(t *Text) int {
	i := 0
	for {
		switch {
		case t.Is(i, "please", "pls", "kindly", "hi", "hey", "hello"):
			i++
		case t.Is(i, "can", "could", "would", "will") && t.Is(i+1, "you"):
			i += 2
		default:
			return i
		}
	}
}

// readTags finds tags the user asked for ("tag everything with env=prod",
// "tagged owner=alice and cost-center=1234").
func (c *Ctx) readTags() {
	for _, kv := range c.T.KeyValues() {
		if !c.nearTagWord(kv.At) {
			continue
		}
		c.Tags[kv.Value.Key] = kv.Value.Value
		c.Claim(kv.At, kv.At+1)
	}
	if len(c.Tags) > 0 {
		var parts []string
		for _, k := range sortedKeys(c.Tags) {
			parts = append(parts, k+"="+c.Tags[k])
		}
		c.Understand("tags %s on every taggable resource", strings.Join(parts, ", "))
	}
}

func (c *Ctx) nearTagWord(i int) bool {
	for k := i - 1; k >= 0 && k >= i-12; k-- {
		if c.T.Is(k, "tag", "tags", "tagged", "tagging", "label", "labels", "labeled", "labelled") {
			return true
		}
	}
	return false
}

// applyTags puts the requested tags on every resource that takes tags.
func (c *Ctx) applyTags() {
	if len(c.Tags) == 0 {
		return
	}
	for i := range c.Stack.Resources {
		r := &c.Stack.Resources[i]
		if r.Mode != spec.Managed || !taggable(r.Type) {
			continue
		}
		for _, k := range sortedKeys(c.Tags) {
			SetTag(r, k, c.Tags[k])
		}
	}
}
