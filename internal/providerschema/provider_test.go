package providerschema

import (
	"bytes"
	"fmt"
	"sort"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/zclconf/go-cty/cty"

	"github.com/syncloud/syncloud/internal/spec"
)

// TestEveryTypeDecodes decodes every embedded type and encodes them all
// again: the result must be the embedded blob, byte for byte.
func TestEveryTypeDecodes(t *testing.T) {
	p, err := Open(awsBlob)
	if err != nil {
		t.Fatal(err)
	}
	all := func(names []string, lookup func(string) (*Block, bool)) map[string]*Block {
		m := map[string]*Block{}
		for _, n := range names {
			b, ok := lookup(n)
			if !ok {
				t.Fatalf("%s listed but not found", n)
			}
			m[n] = b
		}
		return m
	}
	res, data := all(p.Types(), p.Resource), all(p.DataSourceTypes(), p.DataSource)
	if len(res) < 1500 || len(data) < 600 {
		t.Errorf("got %d resources and %d data sources, want the whole provider", len(res), len(data))
	}
	again, err := Encode(p.Source, p.Version, p.Config(), res, data)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again, awsBlob) {
		t.Errorf("re-encoded schema differs from the embedded one (%d vs %d bytes)", len(again), len(awsBlob))
	}
}

func TestKnownSchemaFacts(t *testing.T) {
	inst, ok := Resource("aws_instance")
	if !ok {
		t.Fatal("aws_instance missing")
	}
	sg, _ := Resource("aws_security_group")
	ami, ok := DataSource("aws_ami")
	if !ok {
		t.Fatal("data source aws_ami missing")
	}
	ingress, isObj := sg.Attributes["ingress"].ObjectElem()
	got := map[string]any{
		"version":              AWS().Version,
		"ami optional":         inst.Attributes["ami"].Optional && inst.Attributes["ami"].Computed,
		"arn computed-only":    !inst.Attributes["arn"].Settable(),
		"root_block_device":    fmt.Sprint(inst.BlockTypes["root_block_device"].Nesting, inst.BlockTypes["root_block_device"].MaxItems),
		"tags type":            inst.Attributes["tags"].Type.FriendlyName(),
		"ingress object":       isObj && ingress.AttributeTypes()["from_port"] == cty.Number,
		"ami filter nesting":   ami.BlockTypes["filter"].Nesting.String(),
		"password sensitive":   mustResource(t, "aws_db_instance").Attributes["password"].Sensitive,
		"subnet required":      RequiredAttrs("aws_subnet"),
		"unknown type":         RequiredAttrs("aws_nothing") == nil,
		"types sorted":         sort.StringsAreSorted(Types()),
		"types hold instance":  contains(Types(), "aws_instance"),
		"wafv2 decodes shared": mustResource(t, "aws_wafv2_web_acl").BlockTypes["rule"] != nil,
		"config endpoints ec2": AWS().Config().BlockTypes["endpoints"].Block.Attributes["ec2"] != nil,
	}
	want := map[string]any{
		"version": "5.100.0", "ami optional": true, "arn computed-only": true,
		"root_block_device": "list 1", "tags type": "map of string", "ingress object": true,
		"ami filter nesting": "set", "password sensitive": true, "subnet required": []string{"vpc_id"},
		"unknown type": true, "types sorted": true, "types hold instance": true, "wafv2 decodes shared": true,
		"config endpoints ec2": true,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("schema facts (-want +got):\n%s", diff)
	}
}

func mustResource(t *testing.T, typ string) *Block {
	t.Helper()
	b, ok := Resource(typ)
	if !ok {
		t.Fatalf("%s missing", typ)
	}
	return b
}

func contains(ss []string, s string) bool {
	i := sort.SearchStrings(ss, s)
	return i < len(ss) && ss[i] == s
}

func TestOpenRejectsDamage(t *testing.T) {
	for _, blob := range [][]byte{nil, []byte("nonsense"), awsBlob[:len(magic)+10], awsBlob[:len(awsBlob)/2]} {
		if _, err := Open(blob); err == nil {
			t.Errorf("Open(%d bytes) succeeded", len(blob))
		}
	}
	p, err := Open(awsBlob)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.decode([]byte("not deflate at all")); err == nil {
		t.Error("decoding a damaged chunk succeeded")
	}
	if _, err := decodeChunk([]byte("b\tx\tlist\t0\t0\n")); err == nil {
		t.Error("decoding an unclosed block succeeded")
	}
}

// benchTypes are twenty types a typical generated stack uses.
var benchTypes = []string{"aws_vpc", "aws_subnet", "aws_internet_gateway", "aws_route_table",
	"aws_route_table_association", "aws_nat_gateway", "aws_eip", "aws_security_group", "aws_instance",
	"aws_lb", "aws_lb_target_group", "aws_lb_listener", "aws_db_instance", "aws_db_subnet_group",
	"aws_s3_bucket", "aws_s3_bucket_versioning", "aws_iam_role", "aws_iam_role_policy_attachment",
	"aws_cloudwatch_log_group", "aws_kms_key"}

// BenchmarkLoadAndCheck measures what one `syncloud generate` process pays:
// reading the index cold and checking a stack of twenty resource types.
func BenchmarkLoadAndCheck(b *testing.B) {
	s := &spec.Stack{Region: "us-east-1"}
	for _, typ := range benchTypes {
		s.Add(spec.Resource{Type: typ, Name: "x"})
	}
	b.ReportAllocs()
	for b.Loop() {
		p, err := Open(awsBlob)
		if err != nil {
			b.Fatal(err)
		}
		if ds := p.Check(s); !ds.HasErrors() {
			b.Fatal("an empty stack of these types should miss required attributes")
		}
	}
}

// BenchmarkOpen measures reading the index alone.
func BenchmarkOpen(b *testing.B) {
	for b.Loop() {
		if _, err := Open(awsBlob); err != nil {
			b.Fatal(err)
		}
	}
}
