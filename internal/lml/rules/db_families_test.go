package rules

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/syncloud/syncloud/internal/lml"
	"github.com/syncloud/syncloud/internal/spec"
)

// Shared helpers of the data and storage families' tests: a prompt goes
// through the whole engine and the test counts the resources whose
// attributes match, the way the evaluation judge reads Terraform.

// want expects n instances of typ whose dotted attribute paths hold the
// given values (any element of a list or any nested block may match).
type want struct {
	typ   string
	attrs map[string]string
	n     int
}

// stackCase is one prompt and what its stack must hold.
type stackCase struct {
	prompt string
	want   []want
}

func draftStack(t testing.TB, prompt string) *spec.Stack {
	t.Helper()
	d, err := Engine{}.Draft(context.Background(), lml.Request{Prompt: prompt})
	if err != nil {
		t.Fatalf("Draft(%q): %v", prompt, err)
	}
	return d.Stack
}

func runStackCases(t *testing.T, cases []stackCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.prompt, func(t *testing.T) {
			s := draftStack(t, tc.prompt)
			var wantN, gotN []string
			for _, w := range tc.want {
				label := fmt.Sprintf("%s %v", w.typ, w.attrs)
				wantN = append(wantN, fmt.Sprintf("%s: %d", label, w.n))
				gotN = append(gotN, fmt.Sprintf("%s: %d", label, countMatching(s, w.typ, w.attrs)))
			}
			if diff := cmp.Diff(wantN, gotN); diff != "" {
				t.Errorf("resources (-want +got):\n%s\nstack: %s", diff, summary(s))
			}
			for _, d := range s.Validate() {
				t.Errorf("invalid stack: %s", d)
			}
		})
	}
}

func countMatching(s *spec.Stack, typ string, attrs map[string]string) int {
	n := 0
	for _, r := range s.Resources {
		if r.Type != typ || r.Mode != spec.Managed || !matches(r.Body, attrs) {
			continue
		}
		if p, ok := attrs["provider"]; ok && r.Provider != p {
			continue
		}
		n += max(r.Count, 1)
	}
	return n
}

func matches(b spec.Body, attrs map[string]string) bool {
	for path, v := range attrs {
		if path == "provider" {
			continue // a resource field, checked by countMatching
		}
		found := false
		for _, got := range valuesAt(b, strings.Split(path, ".")) {
			if strings.EqualFold(got, v) {
				found = true
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// valuesAt renders the values at a path: strings as written, numbers and
// bools as Go prints them, references as "type.name.attr".
func valuesAt(b spec.Body, path []string) []string {
	if len(path) == 1 {
		if v, ok := b.Get(path[0]); ok {
			return render(v)
		}
	}
	var out []string
	for _, blk := range b.BlocksOf(path[0]) {
		out = append(out, valuesAt(*blk, path[1:])...)
	}
	if v, ok := b.Get(path[0]); ok && v.Kind == spec.KindMap && len(path) == 2 {
		for _, e := range v.Map {
			if e.Key == path[1] {
				out = append(out, render(e.Value)...)
			}
		}
	}
	return out
}

func render(v spec.Value) []string {
	switch v.Kind {
	case spec.KindString:
		return []string{v.Str}
	case spec.KindList:
		var out []string
		for _, e := range v.List {
			out = append(out, render(e)...)
		}
		return out
	case spec.KindRef:
		return []string{v.Ref.String()}
	}
	return []string{v.GoString()}
}

func summary(s *spec.Stack) string {
	var parts []string
	for _, r := range s.Resources {
		parts = append(parts, r.Addr().String())
	}
	return strings.Join(parts, ", ")
}

// TestDataFamiliesNeverPanic feeds the families fragments and reorderings
// of data prompts: odd word orders must not crash the engine or produce
// an invalid stack.
func TestDataFamiliesNeverPanic(t *testing.T) {
	seeds := []string{
		"bucket called x-y replicate to us-west-2 with lifecycle glacier after 30 days",
		"table 'a' partition key b (number) sort key c global secondary index called d on e",
		"aurora serverless postgres 15 between 1 and 4 acus two readers",
		"redis 2-node cluster mode failover secret named s rotates every 7 days kms key alias",
		"glue crawler over the bucket daily kinesis stream 3 shards retention 72 hours",
		"KMS 65536 s3 deletion with 99999-node redis and 70000 read replicas of mysql", // stray numbers are no counts
	}
	for _, seed := range seeds {
		words := strings.Fields(seed)
		for cut := 0; cut <= len(words); cut++ {
			for _, p := range []string{strings.Join(words[:cut], " "), strings.Join(words[cut:], " "),
				strings.Join(append(append([]string{}, words[cut:]...), words[:cut]...), " ")} {
				d, err := Engine{}.Draft(context.Background(), lml.Request{Prompt: p})
				if err != nil {
					continue
				}
				for _, diag := range d.Stack.Validate() {
					t.Errorf("%q: %s", p, diag)
				}
			}
		}
	}
}

// BenchmarkDataPrompts measures the engine on data-heavy prompts.
func BenchmarkDataPrompts(b *testing.B) {
	prompts := []string{
		"three buckets for our data lake — raw, staged and curated — all versioned",
		"MySQL 8.0 RDS instance on db.m6g.large with 100GB of gp3 storage, Multi-AZ, and 7 days of automated backups",
		"global table 'carts' (pk cartId string) replicated to us-west-2 and eu-west-1, primary in us-east-1, on-demand",
		"Redis 7 replication group, 3 cache.r6g.large nodes across AZs, encryption at rest and in transit, multi-AZ enabled",
	}
	for i := 0; i < b.N; i++ {
		for _, p := range prompts {
			if _, err := (Engine{}).Draft(context.Background(), lml.Request{Prompt: p}); err != nil {
				b.Fatal(err)
			}
		}
	}
}
