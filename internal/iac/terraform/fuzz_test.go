package terraform

import (
	"math"
	"testing"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	hcljson "github.com/hashicorp/hcl/v2/json"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"

	"github.com/syncloud/syncloud/internal/spec"
)

// literalStack puts s wherever a user's words can land: an attribute, a tag
// key and value (resource and provider default tags), an attribute written
// as a block (security group ingress) and a JSON-encoded value; and n in a
// number attribute.
func literalStack(s string, n float64) *spec.Stack {
	return &spec.Stack{
		Region: "us-east-1",
		Tags:   map[string]string{s: s},
		Resources: []spec.Resource{
			{Type: "aws_s3_bucket", Name: "b", Body: spec.Body{Attrs: attrs(
				"bucket", spec.String(s), "tags", spec.StringMap(map[string]string{s: s}))}},
			{Type: "aws_security_group", Name: "g", Body: spec.Body{
				Attrs:  attrs("description", spec.String("x")),
				Blocks: []spec.Block{blk("ingress", "description", spec.String(s))}}},
			{Type: "aws_sqs_queue", Name: "q", Body: spec.Body{Attrs: attrs(
				"policy", spec.JSON(spec.Map(map[string]spec.Value{"k": spec.String(s)})),
				"delay_seconds", spec.Number(n))}},
		},
	}
}

// FuzzRenderLiteral renders arbitrary strings and numbers and reads the
// output back as Terraform would: every literal must come back exactly
// (strings after the Unicode normalization Terraform applies to every
// string), with no reference to any variable and no template evaluated.
func FuzzRenderLiteral(f *testing.F) {
	for i, s := range []string{"", "plain", `${file("x")}`, "%{if true}x%{endif}", "$${", "$$${a}", "%%{",
		"${", "$", "%", "}", `\`, `"`, "\n\r\t", "a\x00b", "é e\u0301", "//", "${a}${b}", "\u2028", "<>&",
		"for", "in", "if", "null", "true", "endfor"} {
		f.Add(s, []float64{0, 0.1, -3, 1e21, 5e-324, math.MaxFloat64, math.NaN()}[i%7])
	}
	f.Fuzz(func(t *testing.T, s string, n float64) {
		for _, format := range []Format{HCL, JSON} {
			files, err := Render(literalStack(s, n), format, Options{})
			if math.IsNaN(n) || math.IsInf(n, 0) {
				if err == nil {
					t.Fatalf("%s: rendered %v", format, n)
				}
				continue
			}
			if !utf8.ValidString(s) {
				if err == nil {
					t.Fatalf("%s: rendered a string that is not UTF-8", format)
				}
				continue
			}
			if err != nil {
				t.Fatalf("%s: %v", format, err)
			}
			checkLiterals(t, format, files[format.FileName()], cty.StringVal(s).AsString(), n)
		}
	})
}

func checkLiterals(t *testing.T, format Format, src []byte, want string, n float64) {
	var file *hcl.File
	var diags hcl.Diagnostics
	if format == JSON {
		file, diags = hcljson.Parse(src, "main.tf.json")
	} else {
		file, diags = hclsyntax.ParseConfig(src, "main.tf", hcl.InitialPos)
	}
	if diags.HasErrors() {
		t.Fatalf("%s output does not parse: %s\n%s", format, diags, src)
	}
	content, diags := file.Body.Content(&hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{
		{Type: "terraform"}, {Type: "provider", LabelNames: []string{"name"}},
		{Type: "resource", LabelNames: []string{"type", "name"}}}})
	if diags.HasErrors() {
		t.Fatalf("%s: %s", format, diags)
	}
	wantJSON := `{"k":` + string(mustJSON(t, want)) + `}`
	for _, b := range content.Blocks {
		switch {
		case b.Type == "terraform":
		case b.Type == "provider":
			tags := nestedAttrs(t, b.Body, "default_tags")
			checkValue(t, format, tags["tags"], cty.MapVal(map[string]cty.Value{want: cty.StringVal(want)}))
		case b.Labels[0] == "aws_s3_bucket":
			as := justAttrs(t, b.Body)
			checkValue(t, format, as["bucket"], cty.StringVal(want))
			checkValue(t, format, as["tags"], cty.MapVal(map[string]cty.Value{want: cty.StringVal(want)}))
		case b.Labels[0] == "aws_security_group":
			checkIngress(t, format, b.Body, want)
		case b.Labels[0] == "aws_sqs_queue":
			as := justAttrs(t, b.Body)
			checkValue(t, format, as["policy"], cty.StringVal(wantJSON))
			if got, _ := evaluate(t, format, as["delay_seconds"]).AsBigFloat().Float64(); got != n {
				t.Errorf("%s: number %v came back as %v", format, n, got)
			}
		}
	}
}

func checkIngress(t *testing.T, format Format, body hcl.Body, want string) {
	if format == HCL {
		checkValue(t, format, nestedAttrs(t, body, "ingress")["description"], cty.StringVal(want))
		return
	}
	v := evaluate(t, format, justAttrs(t, body)["ingress"])
	if !v.CanIterateElements() || v.LengthInt() != 1 {
		t.Fatalf("%s: ingress is %#v, want one object", format, v)
	}
	got := v.Index(cty.NumberIntVal(0)).GetAttr("description")
	if got.AsString() != want {
		t.Errorf("%s: ingress description = %q, want %q", format, got.AsString(), want)
	}
}

func justAttrs(t *testing.T, body hcl.Body) hcl.Attributes {
	t.Helper()
	as, diags := body.JustAttributes()
	if diags.HasErrors() {
		t.Fatalf("attributes: %s", diags)
	}
	return as
}

func nestedAttrs(t *testing.T, body hcl.Body, typ string) hcl.Attributes {
	t.Helper()
	c, _, diags := body.PartialContent(&hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{{Type: typ}}})
	if diags.HasErrors() || len(c.Blocks) != 1 {
		t.Fatalf("want one %s block: %s", typ, diags)
	}
	as, diags := c.Blocks[0].Body.JustAttributes()
	if diags.HasErrors() {
		t.Fatalf("%s: %s", typ, diags)
	}
	return as
}

func evaluate(t *testing.T, format Format, a *hcl.Attribute) cty.Value {
	t.Helper()
	if a == nil {
		t.Fatalf("%s: attribute missing", format)
	}
	if vars := a.Expr.Variables(); len(vars) > 0 {
		t.Fatalf("%s: %s refers to variables %v", format, a.Name, vars)
	}
	ctx := &hcl.EvalContext{Functions: map[string]function.Function{"jsonencode": stdlib.JSONEncodeFunc}}
	v, diags := a.Expr.Value(ctx)
	if diags.HasErrors() {
		t.Fatalf("%s: %s: %s", format, a.Name, diags)
	}
	return v
}

func checkValue(t *testing.T, format Format, a *hcl.Attribute, want cty.Value) {
	t.Helper()
	got := evaluate(t, format, a)
	if got.Type().IsObjectType() && want.Type().IsMapType() {
		got = cty.MapVal(got.AsValueMap())
	}
	if !got.RawEquals(want) {
		t.Errorf("%s: %s = %#v, want %#v", format, a.Name, got, want)
	}
}

func mustJSON(t *testing.T, s string) []byte {
	v, err := stdlib.JSONEncode(cty.StringVal(s))
	if err != nil {
		t.Fatal(err)
	}
	return []byte(v.AsString())
}
