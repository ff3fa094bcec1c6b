package cloudformation

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/syncloud/syncloud/internal/policy"
	"github.com/syncloud/syncloud/internal/providerschema"
	"github.com/syncloud/syncloud/internal/spec"
)

var update = flag.Bool("update", false, "rewrite the golden templates under testdata/")

// goldenCases are rendered after policy.Harden, as the product does.
func goldenCases() []struct {
	name  string
	stack func() *spec.Stack
} {
	return []struct {
		name  string
		stack func() *spec.Stack
	}{{"network", networkStack}, {"web", webStack}, {"app", appStack}, {"scaling", scalingStack}}
}

func TestGolden(t *testing.T) {
	for _, tc := range goldenCases() {
		t.Run(tc.name, func(t *testing.T) {
			st := tc.stack()
			policy.Harden(st)
			if err := providerschema.Check(st).Err(); err != nil {
				t.Fatalf("test stack is not valid Terraform: %v", err)
			}
			got, err := Render(st)
			if err != nil {
				t.Fatalf("Render: %v", err)
			}
			again, err := Render(st)
			if err != nil || !bytes.Equal(got, again) {
				t.Fatalf("second Render differs or fails (%v)", err)
			}
			compareGolden(t, filepath.Join("testdata", tc.name+".template.json"), got)
			var parsed map[string]any
			if err := json.Unmarshal(got, &parsed); err != nil {
				t.Errorf("output is not JSON: %v", err)
			}
		})
	}
}

// TestGoldenSpecs renders the stacks stored as spec JSON under testdata/
// (drafts of the rules engine, already hardened) and compares them with
// their golden templates.
func TestGoldenSpecs(t *testing.T) {
	specs, err := filepath.Glob(filepath.Join("testdata", "*.spec.json"))
	if err != nil || len(specs) == 0 {
		t.Fatalf("no testdata/*.spec.json (%v)", err)
	}
	for _, path := range specs {
		name := strings.TrimSuffix(filepath.Base(path), ".spec.json")
		t.Run(name, func(t *testing.T) {
			raw, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			var st spec.Stack
			if err := json.Unmarshal(raw, &st); err != nil {
				t.Fatalf("%s: %v", path, err)
			}
			got, err := Render(&st)
			if err != nil {
				t.Fatalf("Render: %v", err)
			}
			compareGolden(t, filepath.Join("testdata", name+".template.json"), got)
		})
	}
}

// compareGolden compares got with a golden file, rewriting it with -update.
func compareGolden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s differs (-want +got):\n%s", path, diff)
	}
}

func TestRenderErrors(t *testing.T) {
	stack := func(rs ...spec.Resource) *spec.Stack { return &spec.Stack{Region: "us-east-1", Resources: rs} }
	for _, tc := range []struct {
		name  string
		stack *spec.Stack
		want  string
	}{
		{"unmapped type", stack(res("aws_sfn_state_machine", "m")), "aws_sfn_state_machine.m: resource type aws_sfn_state_machine has no CloudFormation mapping"},
		{"unmapped data source", stack(dataRes("aws_route53_zone", "z", attr("name", s("example.com")))),
			"data source aws_route53_zone has no CloudFormation mapping"},
		{"narrow egress in the default VPC", stack(res("aws_security_group", "g"),
			res("aws_vpc_security_group_egress_rule", "https", attr("security_group_id", refTo("aws_security_group", "g", "id")),
				attr("ip_protocol", s("tcp")), attr("from_port", n(443)), attr("to_port", n(443)), attr("cidr_ipv4", s("0.0.0.0/0")))),
			"egress other than all traffic to 0.0.0.0/0 needs the group's vpc_id"},
		{"unmapped argument", stack(res("aws_vpc", "main", attr("cidr_block", s("10.0.0.0/16")),
			attr("assign_generated_ipv6_cidr_block", b(true)))),
			`aws_vpc.main: argument "assign_generated_ipv6_cidr_block" has no CloudFormation mapping`},
		{"unmapped block", stack(res("aws_sqs_queue", "q", blk("timeouts", attr("create", s("5m"))))),
			`aws_sqs_queue.q: block "timeouts" has no CloudFormation mapping`},
		{"unmapped nested argument", stack(res("aws_ecr_repository", "r",
			blk("image_scanning_configuration", attr("scan_on_push", b(true)), attr("frequency", s("daily"))))),
			`aws_ecr_repository.r.image_scanning_configuration: argument "frequency" has no CloudFormation mapping`},
		{"unmapped attribute", stack(res("aws_vpc", "main", attr("cidr_block", s("10.0.0.0/16"))), res("aws_sqs_queue", "q",
			attr("name", refTo("aws_vpc", "main", "arn")))),
			"refers to aws_vpc.main.arn: CloudFormation has no equivalent of that attribute"},
		{"provider alias", &spec.Stack{Region: "us-east-1", Aliases: []spec.Alias{{Name: "west", Region: "us-west-2"}},
			Resources: []spec.Resource{{Type: "aws_s3_bucket", Name: "b", Provider: "west"}}},
			`uses provider alias "west"`},
		{"fold by literal name", stack(res("aws_s3_bucket", "b", attr("bucket", s("x"))),
			res("aws_s3_bucket_versioning", "b", attr("bucket", s("x")))),
			"aws_s3_bucket_versioning.b: bucket must refer to the resource it configures"},
		{"lambda file name by reference", stack(res("aws_sqs_queue", "q"), res("aws_lambda_function", "f", attr("function_name", s("f")),
			attr("role", s("arn:aws:iam::1:role/r")), attr("filename", refTo("aws_sqs_queue", "q", "name")))),
			"filename must be a literal file name"},
		{"intrinsic in user map", stack(res("aws_sqs_queue", "q", attr("redrive_policy",
			spec.JSON(spec.Map(map[string]spec.Value{"Fn::ImportValue": s("x")}))))),
			`map key "Fn::ImportValue" would be read by CloudFormation as an intrinsic function`},
		{"intrinsic in JSON string", stack(res("aws_sqs_queue", "q", attr("redrive_policy", s(`{"a":{"Ref":"AWS::AccountId"}}`)))),
			`map key "Ref" would be read by CloudFormation as an intrinsic function`},
		{"JSON with references into a string property", stack(res("aws_sqs_queue", "a"), res("aws_lambda_function", "f",
			attr("function_name", s("f")), attr("role", s("arn:aws:iam::1:role/r")), attr("s3_bucket", s("b")), attr("s3_key", s("k")),
			blk("environment", attr("variables", spec.Map(map[string]spec.Value{
				"CONF": spec.JSON(spec.Map(map[string]spec.Value{"queue": refTo("aws_sqs_queue", "a", "url")}))}))))),
			"a JSON-encoded value with references can only go where CloudFormation takes a JSON object"},
		{"root device of a literal AMI", stack(res("aws_instance", "i", attr("ami", s("ami-123")),
			blk("root_block_device", attr("encrypted", b(true))))),
			"root_block_device needs the AMI's root device name"},
		{"nothing to create", stack(dataRes("aws_caller_identity", "me")), "the stack has no resource for CloudFormation to create"},
		{"circular dependency", stack(
			res("aws_s3_bucket", "b", attr("bucket_prefix", s("b-"))),
			res("aws_sqs_queue", "q", attr("name", s("q"))),
			res("aws_sqs_queue_policy", "q", attr("queue_url", refTo("aws_sqs_queue", "q", "id")),
				attr("policy", spec.JSON(spec.Map(map[string]spec.Value{"Statement": spec.List(spec.Map(map[string]spec.Value{
					"Effect": s("Allow"), "Action": s("sqs:SendMessage"), "Resource": refTo("aws_sqs_queue", "q", "arn"),
					"Principal": spec.Map(map[string]spec.Value{"Service": s("s3.amazonaws.com")}),
					"Condition": spec.Map(map[string]spec.Value{"ArnLike": spec.Map(map[string]spec.Value{
						"aws:SourceArn": refTo("aws_s3_bucket", "b", "arn")})})}))})))),
			spec.Resource{Type: "aws_s3_bucket_notification", Name: "b", DependsOn: []spec.Address{addr("aws_sqs_queue_policy", "q")},
				Body: body(attr("bucket", refTo("aws_s3_bucket", "b", "id")), blk("queue",
					attr("queue_arn", refTo("aws_sqs_queue", "q", "arn")), attr("events", spec.Strings("s3:ObjectCreated:*"))))}),
			"circular dependency between resources BS3Bucket -> QSqsQueuePolicy -> BS3Bucket"},
		{"unknown AMI family", stack(dataRes("aws_ami", "x", blk("filter", attr("name", s("name")),
			attr("values", spec.Strings("my-golden-image-*"))))),
			`no public SSM parameter is known for AMIs named "my-golden-image-*"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Render(tc.stack)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Render error = %v\nwant it to contain %q", err, tc.want)
			}
		})
	}
}

func TestLogicalIDs(t *testing.T) {
	st := &spec.Stack{Region: "us-east-1", Resources: []spec.Resource{
		counted(res("aws_sqs_queue", "jobs"), 2),
		res("aws_sqs_queue", "jobs_0"), // camel "Jobs0SqsQueue" does not clash with "JobsSqsQueue0"
		res("aws_sqs_queue", "web-app"),
		res("aws_sqs_queue", "web_app"),
	}}
	r, err := newRenderer(st)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][]string{}
	for a, ids := range r.ids {
		got[a.String()] = ids
	}
	want := map[string][]string{
		"aws_sqs_queue.jobs":    {"JobsSqsQueue0", "JobsSqsQueue1"},
		"aws_sqs_queue.jobs_0":  {"Jobs0SqsQueue"},
		"aws_sqs_queue.web-app": {"WebAppSqsQueue"},
		"aws_sqs_queue.web_app": {"WebAppSqsQueueDup2"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("logical IDs (-want +got):\n%s", diff)
	}
}

func BenchmarkRender(b *testing.B) {
	st := appStack()
	policy.Harden(st)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Render(st); err != nil {
			b.Fatal(err)
		}
	}
}
