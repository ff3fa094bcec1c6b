package lml_test

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"testing"
	"time"

	"github.com/syncloud/syncloud/internal/lml"
	"github.com/syncloud/syncloud/internal/lml/rules"
	"github.com/syncloud/syncloud/internal/policy"
)

type devCase struct {
	ID          string `json:"id"`
	Prompt      string `json:"prompt"`
	ExpectError bool   `json:"expect_error"`
}

// devSetPath is the LML development set, beside the project in shared/.
func devSetPath() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "..", "shared", "eval", "lml-dev.jsonl")
}

func devCases(tb testing.TB) []devCase {
	f, err := os.Open(devSetPath())
	if err != nil {
		tb.Skipf("LML DEV SET NOT FOUND (%v): these checks run where ../shared/eval exists, as in CI", err)
	}
	defer f.Close()
	var cases []devCase
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var c devCase
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			tb.Fatal(err)
		}
		cases = append(cases, c)
	}
	return cases
}

func devPrompts(tb testing.TB) []string {
	var ps []string
	for _, c := range devCases(tb) {
		ps = append(ps, c.Prompt)
	}
	return ps
}

// TestDevSetIsSecureByDefault runs the policy over every dev-set output:
// nothing above LOW remains unless the prompt asked for the risky thing.
// Engines never add a risky value on their own, so policy marks every risky
// value it finds as requested; what must never appear is an open risk that
// is neither fixed nor requested (a default of ours that is unsafe).
func TestDevSetIsSecureByDefault(t *testing.T) {
	g := &lml.Generator{Engine: rules.Engine{}}
	for _, c := range devCases(t) {
		if c.ExpectError {
			continue
		}
		res, err := g.Generate(context.Background(), lml.Request{Prompt: c.Prompt})
		if err != nil {
			t.Errorf("%s: %v", c.ID, err)
			continue
		}
		for _, f := range res.Findings.Above(policy.Medium) {
			if !f.Requested {
				t.Errorf("%s: open finding %s", c.ID, f)
			}
		}
	}
}

// BenchmarkGenerate runs the whole pipeline (engine, policy, schema check)
// over the dev prompts and reports the p50 and p99 per prompt.
func BenchmarkGenerate(b *testing.B) {
	prompts := devPrompts(b)
	g := &lml.Generator{Engine: rules.Engine{}}
	ctx := context.Background()
	lat := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		p := prompts[i%len(prompts)]
		start := time.Now()
		_, _ = g.Generate(ctx, lml.Request{Prompt: p})
		lat = append(lat, time.Since(start))
	}
	b.StopTimer()
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds()), "p50-µs")
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds()), "p99-µs")
}
