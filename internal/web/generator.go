package web

import (
	"context"
	"fmt"

	"github.com/syncloud/syncloud/internal/iac"
	"github.com/syncloud/syncloud/internal/lml"
)

// LMLGenerator is the production Generator: the LML pipeline (engine,
// validation, policy, schema check) followed by the renderer of the
// requested format.
type LMLGenerator struct {
	Pipeline *lml.Generator
}

// explanation is the "explanation" object of a generate answer.
type explanation struct {
	Engine      string           `json:"engine"`
	Region      string           `json:"region"`
	Resources   []string         `json:"resources"`
	Understood  []string         `json:"understood"`
	Assumptions []lml.Assumption `json:"assumptions"`
	Unplaced    []string         `json:"unplaced"`
	Warnings    []string         `json:"warnings"`
}

// Generate runs the pipeline and renders its stack.
func (g LMLGenerator) Generate(ctx context.Context, req GenerateRequest) (*Generated, error) {
	res, err := g.Pipeline.Generate(ctx, lml.Request{Prompt: req.Prompt, Region: req.Region})
	if err != nil {
		return nil, err
	}
	format, err := iac.ParseFormat(req.Format)
	if err != nil {
		return nil, err
	}
	files, err := iac.Render(res.Stack, format)
	if err != nil {
		return nil, fmt.Errorf("render %s: %w", format, err)
	}
	out := &Generated{Files: make(map[string]string, len(files)), Findings: res.Findings}
	for name, b := range files {
		out.Files[name] = string(b)
	}
	if res.Findings == nil {
		out.Findings = []any{}
	}
	if res.Assumptions == nil {
		res.Assumptions = []lml.Assumption{}
	}
	out.Explanation = explanation{
		Engine: res.Engine, Region: res.Stack.Region, Resources: nonNil(res.Summary()),
		Understood: res.Understood, Assumptions: res.Assumptions, Unplaced: res.Unplaced,
		Warnings: nonNil(res.Warnings()),
	}
	return out, nil
}

func nonNil(ss []string) []string {
	if ss == nil {
		return []string{}
	}
	return ss
}
