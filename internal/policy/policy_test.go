package policy

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/syncloud/syncloud/internal/providerschema"
	"github.com/syncloud/syncloud/internal/spec"
)

// hardenCase is one table row: the resources going in, the resources and
// findings coming out.
type hardenCase struct {
	name     string
	in       []spec.Resource
	want     []spec.Resource // nil means the input unchanged
	findings Findings        // Message is not compared, only required non-empty
	// partial marks inputs that leave out arguments the provider requires
	// but the rule does not read; the schema check is skipped for them.
	partial bool
}

// runHarden checks each case and the invariants every rule must keep:
// idempotence, a valid stack, provider-schema arguments only.
func runHarden(t *testing.T, cases []hardenCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := &spec.Stack{Region: "us-east-1", Resources: tc.in,
				Aliases: []spec.Alias{{Name: "west", Region: "us-west-2"}}}
			orig := s.Clone()
			want := tc.want
			if want == nil {
				want = orig.Resources
			}
			got := Harden(s)
			if diff := cmp.Diff(want, s.Resources, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("stack after Harden (-want +got):\n%s", diff)
			}
			ignoreMsg := cmpopts.IgnoreFields(Finding{}, "Message")
			if diff := cmp.Diff(tc.findings, got, ignoreMsg, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("findings (-want +got):\n%s", diff)
			}
			for _, f := range got {
				if f.Message == "" {
					t.Errorf("finding %s on %s has no message", f.RuleID, f.Resource)
				}
			}
			again := s.Clone()
			second := Harden(again)
			if diff := cmp.Diff(s.Resources, again.Resources, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("second Harden changed the stack (-once +twice):\n%s", diff)
			}
			if diff := cmp.Diff(got.Open(), second, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("second Harden findings differ from the open ones (-want +got):\n%s", diff)
			}
			if err := s.Validate().Err(); err != nil {
				t.Errorf("hardened stack is invalid: %v", err)
			}
			if !tc.partial {
				if err := providerschema.Check(s).Err(); err != nil {
					t.Errorf("hardened stack does not fit the provider schema: %v", err)
				}
			}
		})
	}
}

// res builds a managed resource from attributes and blocks.
func res(typ, name string, items ...any) spec.Resource {
	return spec.Resource{Type: typ, Name: name, Body: body(items...)}
}

// dataRes builds a data source.
func dataRes(typ, name string, items ...any) spec.Resource {
	return spec.Resource{Mode: spec.Data, Type: typ, Name: name, Body: body(items...)}
}

func counted(r spec.Resource, n int) spec.Resource { r.Count = n; return r }

func body(items ...any) spec.Body {
	var b spec.Body
	for _, it := range items {
		switch x := it.(type) {
		case spec.Attr:
			b.Attrs = append(b.Attrs, x)
		case spec.Block:
			b.Blocks = append(b.Blocks, x)
		default:
			panic("body: want spec.Attr or spec.Block")
		}
	}
	return b
}

func attr(name string, v spec.Value) spec.Attr { return spec.Attr{Name: name, Value: v} }

func blk(typ string, items ...any) spec.Block { return spec.Block{Type: typ, Body: body(items...)} }

func fixed(id string, sev Severity, resource, attribute string) Finding {
	return Finding{RuleID: id, Severity: sev, Resource: resource, Attribute: attribute, Fixed: true}
}

func requested(id string, sev Severity, resource, attribute string) Finding {
	return Finding{RuleID: id, Severity: sev, Resource: resource, Attribute: attribute, Requested: true}
}

func advice(id string, sev Severity, resource, attribute string) Finding {
	return Finding{RuleID: id, Severity: sev, Resource: resource, Attribute: attribute}
}

// TestHardenOrder checks findings follow resource order and that hardening
// the same stack twice from scratch gives the same bytes.
func TestHardenOrder(t *testing.T) {
	build := func() *spec.Stack {
		return &spec.Stack{Region: "eu-west-1", Resources: []spec.Resource{
			res("aws_sqs_queue", "jobs"),
			res("aws_s3_bucket", "b"),
			res("aws_ebs_volume", "data", attr("availability_zone", spec.String("eu-west-1a")), attr("size", spec.Int(10))),
			res("aws_s3_bucket", "a"),
		}}
	}
	s1, s2 := build(), build()
	f1, f2 := Harden(s1), Harden(s2)
	if diff := cmp.Diff(f1, f2); diff != "" {
		t.Fatalf("findings differ between runs:\n%s", diff)
	}
	if diff := cmp.Diff(s1, s2, cmpopts.EquateEmpty()); diff != "" {
		t.Fatalf("stacks differ between runs:\n%s", diff)
	}
	var order []string
	for _, f := range f1 {
		order = append(order, f.Resource+" "+f.RuleID)
	}
	want := []string{
		"aws_sqs_queue.jobs CKV_AWS_27",
		"aws_s3_bucket.b CKV2_AWS_6", "aws_s3_bucket.b CKV_AWS_19",
		"aws_ebs_volume.data CKV_AWS_3",
		"aws_s3_bucket.a CKV2_AWS_6", "aws_s3_bucket.a CKV_AWS_19",
	}
	if diff := cmp.Diff(want, order); diff != "" {
		t.Errorf("finding order (-want +got):\n%s", diff)
	}
	var added []string
	for _, r := range s1.Resources[4:] {
		added = append(added, r.Addr().String())
	}
	wantAdded := []string{
		"aws_s3_bucket_public_access_block.b", "aws_s3_bucket_server_side_encryption_configuration.b",
		"aws_s3_bucket_public_access_block.a", "aws_s3_bucket_server_side_encryption_configuration.a",
	}
	if diff := cmp.Diff(wantAdded, added); diff != "" {
		t.Errorf("added resources (-want +got):\n%s", diff)
	}
}

func BenchmarkHarden(b *testing.B) {
	base := &spec.Stack{Region: "us-east-1"}
	for i := 0; i < 50; i++ {
		n := string(rune('a'+i%26)) + string(rune('a'+i/26))
		base.Resources = append(base.Resources,
			res("aws_s3_bucket", "b"+n),
			res("aws_instance", "i"+n, attr("ami", spec.String("ami-123")), attr("instance_type", spec.String("t3.micro"))),
			res("aws_security_group", "sg"+n, blk("ingress", attr("from_port", spec.Int(22)), attr("to_port", spec.Int(22)),
				attr("protocol", spec.String("tcp")), attr("cidr_blocks", spec.Strings("0.0.0.0/0")))))
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s := base.Clone()
		b.StartTimer()
		Harden(s)
	}
}
