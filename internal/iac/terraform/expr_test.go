package terraform

import (
	"math"
	"strings"
	"testing"

	"github.com/syncloud/syncloud/internal/spec"
)

func TestReferences(t *testing.T) {
	tests := []struct {
		ref      spec.Value
		hcl, tfj string
	}{
		{spec.RefTo(vpc, "id"), "aws_vpc.main.id", "${aws_vpc.main.id}"},
		{spec.RefIndex(subnet, 0, "id"), "aws_subnet.a[0].id", "${aws_subnet.a[0].id}"},
		{spec.RefSplat(subnet, "id"), "aws_subnet.a[*].id", "${aws_subnet.a[*].id}"},
		{spec.RefTo(ubuntu, "id"), "data.aws_ami.ubuntu.id", "${data.aws_ami.ubuntu.id}"},
		{spec.RefTo(vpc, "ipv6_cidr_block_network_border_group.0.x"),
			"aws_vpc.main.ipv6_cidr_block_network_border_group[0].x",
			"${aws_vpc.main.ipv6_cidr_block_network_border_group[0].x}"},
	}
	for _, tt := range tests {
		toks, err := valueTokens(tt.ref)
		if err != nil {
			t.Fatal(err)
		}
		if got := string(toks.Bytes()); got != tt.hcl {
			t.Errorf("HCL %s = %q, want %q", tt.ref.Ref, got, tt.hcl)
		}
		j, err := jsonValue(tt.ref)
		if err != nil {
			t.Fatal(err)
		}
		if j != tt.tfj {
			t.Errorf("JSON %s = %q, want %q", tt.ref.Ref, j, tt.tfj)
		}
	}
}

func TestRefTokensRefuseNonIdentifiers(t *testing.T) {
	for _, r := range []spec.Ref{
		{To: spec.Address{Type: "aws_vpc", Name: "main}"}, Attr: "id", Index: spec.NoIndex},
		{To: vpc, Attr: "id}${file(1)", Index: spec.NoIndex},
		{To: vpc, Attr: "id", Index: -7},
	} {
		if toks, err := refTokens(&r); err == nil {
			t.Errorf("refTokens(%+v) = %q, want an error", r, toks.Bytes())
		}
	}
}

func TestRenderRefuses(t *testing.T) {
	one := func(r spec.Resource) *spec.Stack {
		return &spec.Stack{Region: "us-east-1", Resources: []spec.Resource{r}}
	}
	bucket := func(b spec.Body) *spec.Stack { return one(spec.Resource{Type: "aws_s3_bucket", Name: "b", Body: b}) }
	tests := []struct {
		name  string
		stack *spec.Stack
		opts  Options
		want  string
	}{
		{"invalid stack", &spec.Stack{Region: "mars"}, Options{}, "invalid stack"},
		{"meta-argument attribute", bucket(spec.Body{Attrs: attrs("count", spec.Int(3))}), Options{}, "meta-argument"},
		{"meta-argument block", bucket(spec.Body{Blocks: []spec.Block{blk("lifecycle")}}), Options{}, "meta-argument"},
		{"provisioner block", bucket(spec.Body{Blocks: []spec.Block{blk("provisioner")}}), Options{}, "meta-argument"},
		{"dynamic block", bucket(spec.Body{Blocks: []spec.Block{{Type: "versioning",
			Body: spec.Body{Blocks: []spec.Block{blk("dynamic")}}}}}), Options{}, "dynamic blocks"},
		{"not UTF-8", bucket(spec.Body{Attrs: attrs("bucket", spec.String("\xff"))}), Options{}, "UTF-8"},
		{"not UTF-8 map key", bucket(spec.Body{Attrs: attrs("tags", spec.Map(map[string]spec.Value{"\xfe": spec.String("x")}))}),
			Options{}, "UTF-8"},
		{"NaN", bucket(spec.Body{Attrs: attrs("x", spec.Number(math.NaN()))}), Options{}, "not a number"},
		{"infinity in JSON value", bucket(spec.Body{Attrs: attrs("policy", spec.JSON(spec.List(spec.Number(math.Inf(1)))))}),
			Options{}, "not a number"},
		{"endpoint service", minimalStack(), Options{Endpoint: &Endpoint{URL: "http://x", Services: []string{"ec2 = 1"}}},
			"not a provider endpoint name"},
		{"endpoint without URL", minimalStack(), Options{Endpoint: &Endpoint{Services: []string{"ec2"}}}, "needs a URL"},
		{"endpoint the provider lacks", minimalStack(), Options{Endpoint: &Endpoint{URL: "http://x", Services: []string{"kumo"}}},
			`unsupported attribute "kumo"`},
	}
	for _, tt := range tests {
		for _, f := range []Format{HCL, JSON} {
			_, err := Render(tt.stack, f, tt.opts)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("%s/%s: Render error = %v, want it to mention %q", tt.name, f, err, tt.want)
			}
		}
	}
}

// TestJSONEscapesTemplates checks the sharp edge by hand: a tag value that
// looks like an interpolation is written as an escaped literal.
func TestJSONEscapesTemplates(t *testing.T) {
	s := &spec.Stack{Region: "us-east-1", Resources: []spec.Resource{{Type: "aws_s3_bucket", Name: "b",
		Body: spec.Body{Attrs: attrs("tags", spec.StringMap(map[string]string{"k%{x}": `${file("x")}`}))}}}}
	files, err := Render(s, JSON, Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := string(files["main.tf.json"])
	if want := `"k%%{x}": "$${file(\"x\")}"`; !strings.Contains(got, want) {
		t.Errorf("main.tf.json lacks %s:\n%s", want, got)
	}
}
