package web

import (
	"context"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// countingGenerator answers with the prompt as a file and counts calls.
type countingGenerator struct{ calls []string }

func (g *countingGenerator) Generate(_ context.Context, req GenerateRequest) (*Generated, error) {
	g.calls = append(g.calls, req.Prompt)
	if req.Prompt == "fail" {
		return nil, errors.New("boom")
	}
	return &Generated{Files: map[string]string{"main.tf": req.Prompt + "/" + req.Format}}, nil
}

func TestCachedGenerator(t *testing.T) {
	next := &countingGenerator{}
	c := NewCachedGenerator(next, 2)
	ctx := context.Background()
	var got []string
	for _, req := range []GenerateRequest{
		{Prompt: "a", Format: "hcl"},
		{Prompt: "a", Format: "hcl"},  // hit
		{Prompt: "a", Format: "json"}, // another format is another answer
		{Prompt: "b", Format: "hcl"},  // evicts a/hcl, the least recently used
		{Prompt: "a", Format: "json"}, // hit
		{Prompt: "a", Format: "hcl"},  // miss again
		{Prompt: "fail"},
		{Prompt: "fail"}, // failures are not cached
	} {
		out, err := c.Generate(ctx, req)
		if err != nil {
			got = append(got, "error")
			continue
		}
		got = append(got, out.Files["main.tf"])
	}
	want := []string{"a/hcl", "a/hcl", "a/json", "b/hcl", "a/json", "a/hcl", "error", "error"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("answers (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"a", "a", "b", "a", "fail", "fail"}, next.calls); diff != "" {
		t.Errorf("calls to the next generator (-want +got):\n%s", diff)
	}
}
