package lml

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/syncloud/syncloud/internal/policy"
	"github.com/syncloud/syncloud/internal/providerschema"
	"github.com/syncloud/syncloud/internal/spec"
)

// Result is a request turned into a hardened, schema-checked stack, with
// everything needed to explain it.
type Result struct {
	Engine      string          `json:"engine"`
	Stack       *spec.Stack     `json:"spec"`
	Understood  []string        `json:"understood"`
	Assumptions []Assumption    `json:"assumptions"`
	Unplaced    []string        `json:"unplaced"`
	Findings    policy.Findings `json:"findings"`
}

// Generator runs an engine's draft through validation, policy and the
// provider schema check. If Fallback is set, a failure of Engine other than
// "nothing to build" is retried with Fallback (an unreachable LLM endpoint
// falls back to the rules engine).
type Generator struct {
	Engine   Engine
	Fallback Engine
}

// ErrInvalidDraft reports a draft that breaks the spec or the provider
// schema: an engine defect, never shown to users as Terraform.
var ErrInvalidDraft = errors.New("engine produced an invalid stack")

// Generate turns a request into a result, or fails with *NothingError when
// it asks for nothing buildable.
func (g *Generator) Generate(ctx context.Context, req Request) (*Result, error) {
	// Bytes that are not UTF-8 (a shell argument in another encoding) read
	// as U+FFFD, as JSON decoding does for the API, so that no engine can
	// carry them into a name or a value Terraform would refuse.
	req.Prompt = strings.ToValidUTF8(req.Prompt, "\uFFFD")
	engine := g.Engine
	draft, err := engine.Draft(ctx, req)
	if err != nil && !IsNothing(err) && g.Fallback != nil {
		engine = g.Fallback
		draft, err = engine.Draft(ctx, req)
	}
	if err != nil {
		return nil, err
	}
	return finish(engine.Name(), draft)
}

func finish(engine string, d *Draft) (*Result, error) {
	s := d.Stack
	if ds := s.Validate(); ds.HasErrors() {
		return nil, fmt.Errorf("%w: %v", ErrInvalidDraft, ds.Err())
	}
	findings := policy.Harden(s)
	if ds := providerschema.Check(s); ds.HasErrors() {
		return nil, fmt.Errorf("%w: %v", ErrInvalidDraft, ds.Err())
	}
	return &Result{
		Engine:      engine,
		Stack:       s,
		Understood:  nonNil(d.Understood),
		Assumptions: d.Assumptions,
		Unplaced:    nonNil(d.Unplaced),
		Findings:    findings,
	}, nil
}

func nonNil(ss []string) []string {
	if ss == nil {
		return []string{}
	}
	return ss
}

// Summary returns one line per resource of the result's stack: "aws_instance.web
// (×2)".
func (r *Result) Summary() []string {
	var out []string
	for _, res := range r.Stack.Resources {
		line := res.Addr().String()
		if res.Counted() {
			line += fmt.Sprintf(" (×%d)", res.Count)
		}
		out = append(out, line)
	}
	return out
}

// Warnings returns what the user should be told even without --explain:
// phrases that could not be placed.
func (r *Result) Warnings() []string {
	var out []string
	for _, u := range r.Unplaced {
		out = append(out, fmt.Sprintf("could not place %q: no resource was generated for it", strings.TrimSpace(u)))
	}
	return out
}
