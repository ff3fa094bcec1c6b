package lml

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/syncloud/syncloud/internal/spec"
)

// DefaultRegion is used when neither the request nor the caller names one.
const DefaultRegion = "us-east-1"

// Request is one thing a person asked for.
type Request struct {
	Prompt string
	// Region overrides any region named in the prompt; "" means take it from
	// the prompt, the current stack, or DefaultRegion, in that order.
	Region string
	// Current is the workspace's spec that the prompt edits; nil starts anew.
	Current *spec.Stack
}

// Draft is what an engine returns: the stack it built and what it did to get
// there.
type Draft struct {
	Stack *spec.Stack
	// Understood lists, in order, what the engine placed: "2 × EC2 instance
	// (t3.large)", "region eu-west-1 (from \"Ireland\")".
	Understood []string
	// Assumptions lists every default chosen on the user's behalf, each with
	// the path it applies to.
	Assumptions []Assumption
	// Unplaced lists phrases that name infrastructure the engine could not
	// place. They are reported, never silently dropped.
	Unplaced []string
}

// Assumption is one default chosen on the user's behalf.
type Assumption struct {
	Path    string `json:"path,omitempty"`
	Message string `json:"message"`
}

// Engine turns a request into a draft stack.
type Engine interface {
	// Name identifies the engine in explanations and metrics ("rules", "llm").
	Name() string
	// Draft builds the stack for a request. It returns *NothingError when the
	// request asks for nothing it can build.
	Draft(ctx context.Context, req Request) (*Draft, error)
}

// NothingError reports a request that names no infrastructure the engine can
// build, with what it did understand.
type NothingError struct {
	Understood []string
	Unplaced   []string
}

func (e *NothingError) Error() string {
	var b strings.Builder
	b.WriteString("nothing to build: the request names no AWS infrastructure that SynCloud can place")
	if len(e.Understood) > 0 {
		fmt.Fprintf(&b, "; understood: %s", strings.Join(e.Understood, ", "))
	}
	if len(e.Unplaced) > 0 {
		fmt.Fprintf(&b, "; could not place: %s", strings.Join(e.Unplaced, ", "))
	}
	return b.String()
}

// IsNothing reports whether err says the request asked for nothing buildable.
func IsNothing(err error) bool {
	var ne *NothingError
	return errors.As(err, &ne)
}
