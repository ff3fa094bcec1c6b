package spec

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func testStack() *Stack {
	s := &Stack{Region: "eu-west-1", Tags: map[string]string{"env": "prod"}}
	q := s.Add(Resource{Type: "aws_sqs_queue", Name: "dlq"}).Addr()
	main := Resource{Type: "aws_sqs_queue", Name: "orders", Count: 2}
	main.Body.Set("name", String("orders ${file(\"x\")}"))
	main.Body.Set("redrive_policy", JSON(Map(map[string]Value{
		"deadLetterTargetArn": RefTo(q, "arn"),
		"maxReceiveCount":     Int(5),
	})))
	main.Body.AddBlock("timeouts").Set("create", String("5m"))
	s.Add(main)
	ami := s.Add(Resource{Mode: Data, Type: "aws_ami", Name: "ubuntu"}).Addr()
	inst := Resource{Type: "aws_instance", Name: "web"}
	inst.Body.Set("ami", RefTo(ami, "id"))
	inst.Body.Set("subnets", RefSplat(Address{Type: "aws_sqs_queue", Name: "orders"}, "id"))
	inst.Body.Set("target", Concat(String("integrations/${x}"), RefTo(ami, "id"), String("/*")))
	s.Add(inst)
	return s
}

func TestValidateAcceptsWellFormedStack(t *testing.T) {
	if ds := testStack().Validate(); len(ds) != 0 {
		t.Fatalf("unexpected diagnostics: %v", ds)
	}
}

func TestValidateCollectsEveryProblem(t *testing.T) {
	s := testStack()
	s.Region = "mars-1"
	s.Add(Resource{Type: "external", Name: "x"})
	bad := Resource{Type: "aws_instance", Name: "Bad Name"}
	bad.Body.Set("x", RefIndex(Address{Type: "aws_sqs_queue", Name: "dlq"}, 0, "arn"))
	bad.Body.Set("y", RefTo(Address{Type: "aws_sqs_queue", Name: "orders"}, "arn"))
	bad.Body.Set("z", RefTo(Address{Type: "aws_vpc", Name: "missing"}, "id"))
	s.Add(bad)
	var got []string
	for _, d := range s.Validate() {
		got = append(got, d.String())
	}
	want := []string{
		`error: region: "mars-1" is not an AWS region code`,
		`error: external.x: resource type "external" is not an AWS provider type`,
		`error: aws_instance.Bad Name: local name "Bad Name" is not a valid identifier`,
		`error: aws_instance.Bad Name.x: indexes aws_sqs_queue.dlq, which has no count`,
		`error: aws_instance.Bad Name.y: refers to counted aws_sqs_queue.orders without an index`,
		`error: aws_instance.Bad Name.z: refers to aws_vpc.missing, which is not in the stack`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("diagnostics (-want +got):\n%s", diff)
	}
}

func TestJSONRoundTrip(t *testing.T) {
	s := testStack()
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	var back Stack
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(s, &back); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
	c := s.Clone()
	c.Resources[1].Body.Set("name", String("changed"))
	if v, _ := s.Resources[1].Body.Get("name"); v.Str == "changed" {
		t.Error("Clone shares memory with the original")
	}
}

func TestParseRef(t *testing.T) {
	for _, in := range []string{"aws_vpc.main.id", "data.aws_ami.ubuntu.id", "aws_subnet.a[0].id", "aws_subnet.a[*].id", "aws_instance.x.root_block_device.0.volume_id"} {
		r, err := ParseRef(in)
		if err != nil || r.String() != in {
			t.Errorf("ParseRef(%q) = %v, %v", in, r, err)
		}
	}
	for _, in := range []string{"", "aws_vpc", "aws_vpc.main", "aws_vpc.main.${x}", "aws_vpc.main[x].id", "file(\"x\").y.z"} {
		if _, err := ParseRef(in); err == nil {
			t.Errorf("ParseRef(%q) succeeded", in)
		}
	}
}
