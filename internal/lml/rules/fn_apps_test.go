package rules

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/syncloud/syncloud/internal/lml"
	"github.com/syncloud/syncloud/internal/spec"
)

// appWant expects n resources of a type whose attributes match: each path
// ("environment.variables.STAGE", "vpc_config.subnet_ids") holds the value
// rendered as text, or contains it when the wanted text starts with "~".
type appWant struct {
	typ   string
	n     int
	attrs map[string]string
}

// appCase is one prompt and what its stack must hold.
type appCase struct {
	name   string
	prompt string
	want   []appWant
	absent []string // resource types that must not appear
}

func runAppCases(t *testing.T, cases []appCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d, err := Engine{}.Draft(context.Background(), lml.Request{Prompt: tc.prompt})
			if err != nil {
				t.Fatalf("Draft(%q): %v", tc.prompt, err)
			}
			if ds := d.Stack.Validate(); ds.HasErrors() {
				t.Fatalf("invalid stack: %v", ds.Err())
			}
			var got, want []string
			for _, w := range tc.want {
				want = append(want, w.typ+" × "+strconv.Itoa(w.n))
				got = append(got, w.typ+" × "+strconv.Itoa(appCountMatching(d.Stack, w)))
			}
			for _, typ := range tc.absent {
				want = append(want, typ+" × 0")
				got = append(got, typ+" × "+strconv.Itoa(len(d.Stack.OfType(typ))))
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("%q (-want +got):\n%s\nunderstood: %v", tc.prompt, diff, d.Understood)
			}
		})
	}
}

func appCountMatching(s *spec.Stack, w appWant) int {
	n := 0
	for i := range s.Resources {
		r := &s.Resources[i]
		if r.Mode != spec.Managed || r.Type != w.typ || !appBodyMatches(&r.Body, w.attrs) {
			continue
		}
		n += max(r.Count, 1)
	}
	return n
}

func appBodyMatches(b *spec.Body, attrs map[string]string) bool {
	for path, want := range attrs {
		ok := false
		for _, v := range appValuesAt(b, strings.Split(path, ".")) {
			got := appRender(v)
			if strings.HasPrefix(want, "~") && strings.Contains(got, want[1:]) || got == want {
				ok = true
			}
		}
		if !ok {
			return false
		}
	}
	return true
}

// valuesAt returns the values at a path of attributes, nested blocks and
// map keys; lists of blocks fan out.
func appValuesAt(b *spec.Body, path []string) []spec.Value {
	if v, ok := b.Get(path[0]); ok {
		for _, key := range path[1:] {
			found := false
			for _, e := range v.Map {
				if e.Key == key {
					v, found = e.Value, true
				}
			}
			if !found {
				return nil
			}
		}
		return []spec.Value{v}
	}
	var out []spec.Value
	for _, blk := range b.BlocksOf(path[0]) {
		if len(path) > 1 {
			out = append(out, appValuesAt(blk, path[1:])...)
		}
	}
	return out
}

func appRender(v spec.Value) string {
	switch v.Kind {
	case spec.KindString:
		return v.Str
	case spec.KindNumber:
		return strconv.FormatFloat(v.Num, 'f', -1, 64)
	case spec.KindBool:
		return strconv.FormatBool(v.Bool)
	case spec.KindRef:
		return v.Ref.String()
	case spec.KindList:
		parts := make([]string, len(v.List))
		for i, e := range v.List {
			parts[i] = appRender(e)
		}
		return strings.Join(parts, ",")
	}
	b, _ := v.MarshalJSON()
	return string(b)
}

func TestFargateSize(t *testing.T) {
	for _, tc := range []struct{ cpu, mem, wantCPU, wantMem int }{
		{512, 1024, 512, 1024}, {1024, 2048, 1024, 2048}, {256, 512, 256, 512}, {0, 0, 256, 512},
		{256, 1536, 256, 2048}, {512, 5000, 1024, 5120}, {0, 3072, 512, 3072}, {4096, 0, 4096, 8192},
	} {
		c, m := FargateSize(tc.cpu, tc.mem)
		if c != tc.wantCPU || m != tc.wantMem {
			t.Errorf("FargateSize(%d, %d) = %d, %d; want %d, %d", tc.cpu, tc.mem, c, m, tc.wantCPU, tc.wantMem)
		}
	}
}

func TestRetentionDays(t *testing.T) {
	for in, want := range map[int]int{1: 1, 2: 3, 7: 7, 10: 14, 45: 60, 365: 365, 366: 400, 5000: 3653} {
		if got := RetentionDays(in); got != want {
			t.Errorf("RetentionDays(%d) = %d, want %d", in, got, want)
		}
	}
}

// BenchmarkAppPrompts measures drafting prompts that exercise the app
// families end to end.
func BenchmarkAppPrompts(b *testing.B) {
	prompts := []string{
		"Order processing: an SNS topic named orders fanning out to an SQS queue that has a DLQ (max 3 receives), consumed by a nodejs20.x Lambda, plus an alarm on the DLQ having any messages that emails oncall@example.com",
		"Containerized API on ECS Fargate in Ireland: new VPC with 2 public and 2 private subnets plus NAT, an ECR repo named api, an ALB on 443 with an ACM cert for api.example.com, and a service running 3 tasks of 1 vCPU / 2 GB listening on port 8080 in the private subnets",
		"I want my marketing site on example.com served from S3 through CloudFront with HTTPS, plus a new Route 53 zone for example.com with alias A records for the apex and www pointing at the distribution",
		"EventBridge custom event bus 'orders-bus' with a rule matching source com.acme.orders that delivers events to an SQS queue and to a python3.12 Lambda",
		"API Gateway HTTP API with GET /items and POST /items routes, both integrated with a Node 20 lambda, and an auto-deployed $default stage",
		"EKS cluster version 1.29 with a managed node group of 3 t3.large nodes (min 2, max 5)",
	}
	ctx := context.Background()
	for b.Loop() {
		for _, p := range prompts {
			if _, err := (Engine{}).Draft(ctx, lml.Request{Prompt: p}); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*len(prompts)), "µs/prompt")
}
