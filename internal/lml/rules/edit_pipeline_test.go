package rules

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/syncloud/syncloud/internal/lml"
	"github.com/syncloud/syncloud/internal/spec"
)

// TestEditsThroughPipeline runs follow-up prompts through the whole
// generator (validation, policy hardening, provider schema check), as a
// workspace's ask does, so that guardrails keep the edit the user asked
// for and an emptied stack is still a valid result.
func TestEditsThroughPipeline(t *testing.T) {
	g := &lml.Generator{Engine: Engine{}}
	gen := func(current *spec.Stack, prompt string) *lml.Result {
		t.Helper()
		res, err := g.Generate(context.Background(), lml.Request{Prompt: prompt, Current: current})
		if err != nil {
			t.Fatalf("generate %q: %v", prompt, err)
		}
		return res
	}
	base := gen(nil, editBaseData).Stack
	cases := []struct {
		prompt string
		want   []string
	}{
		{"add a second table called refunds and turn off versioning on the logs bucket", []string{
			"+ aws_dynamodb_table.refunds",
			`~ aws_s3_bucket_versioning.logs versioning_configuration[0].status: "Enabled" -> "Suspended"`,
		}},
		{"turn off versioning on the logs bucket", []string{
			`~ aws_s3_bucket_versioning.logs versioning_configuration[0].status: "Enabled" -> "Suspended"`,
		}},
	}
	for _, tc := range cases {
		t.Run(tc.prompt, func(t *testing.T) {
			res := gen(base, tc.prompt)
			if diff := cmp.Diff(tc.want, stackDiff(base, res.Stack)); diff != "" {
				t.Errorf("stack changes (-want +got):\n%s", diff)
			}
		})
	}
	t.Run("other names and wording", func(t *testing.T) {
		audit := gen(nil, editBaseAudit).Stack
		res := gen(audit, "add another table named invoices and suspend versioning on the audit bucket")
		want := []string{"+ aws_dynamodb_table.invoices",
			`~ aws_s3_bucket_versioning.audit versioning_configuration[0].status: "Enabled" -> "Suspended"`}
		if diff := cmp.Diff(want, stackDiff(audit, res.Stack)); diff != "" {
			t.Errorf("stack changes (-want +got):\n%s", diff)
		}
	})
	t.Run("a new resource names an existing one", func(t *testing.T) {
		res := gen(base, "add a lambda function in python that reads the orders table")
		for _, line := range stackDiff(base, res.Stack) {
			if strings.HasPrefix(line, "+ aws_dynamodb_table.") || strings.Contains(line, "bucket") {
				t.Errorf("the existing orders table was added again, or the unnamed bucket granted: %s", line)
			}
		}
		if len(res.Stack.OfType("aws_lambda_function")) != 1 {
			t.Errorf("no lambda function: %v", stackDiff(base, res.Stack))
		}
	})
	t.Run("destroy everything", func(t *testing.T) {
		if res := gen(base, "destroy everything"); len(res.Stack.Resources) != 0 {
			t.Errorf("resources left: %d", len(res.Stack.Resources))
		}
	})
}
