package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/zclconf/go-cty/cty"

	"github.com/syncloud/syncloud/internal/providerschema"
)

const sample = `{"format_version":"1.0","provider_schemas":{"registry.terraform.io/hashicorp/aws":{
 "provider":{"version":0,"block":{"attributes":{"region":{"type":"string","optional":true}}}},
 "resource_schemas":{"aws_thing":{"version":1,"block":{
  "attributes":{
   "id":{"type":"string","description_kind":"plain","optional":true,"computed":true},
   "secret":{"type":"string","description":"x","description_kind":"plain","required":true,"sensitive":true},
   "rules":{"type":["set",["object",{"port":"number","cidrs":["list","string"]}]],"description_kind":"plain","optional":true}
  },
  "block_types":{"config":{"nesting_mode":"list","min_items":1,"max_items":1,"block":{
   "attributes":{"on":{"type":"bool","description_kind":"plain","optional":true,"deprecated":true}},
   "description_kind":"plain"}}},
  "description_kind":"plain"}}},
 "data_source_schemas":{"aws_thing":{"version":0,"block":{"attributes":{
   "arn":{"type":"string","description_kind":"plain","computed":true}},"description_kind":"plain"}}}}}}`

func TestConvert(t *testing.T) {
	c, err := convert([]byte(sample))
	if err != nil {
		t.Fatal(err)
	}
	res, data := c.res, c.data
	want := map[string]*providerschema.Block{"aws_thing": {
		Attributes: map[string]*providerschema.Attribute{
			"id":     {Type: cty.String, Optional: true, Computed: true},
			"secret": {Type: cty.String, Required: true, Sensitive: true},
			"rules": {Type: cty.Set(cty.Object(map[string]cty.Type{"port": cty.Number, "cidrs": cty.List(cty.String)})),
				Optional: true},
		},
		BlockTypes: map[string]*providerschema.NestedBlock{"config": {Nesting: providerschema.NestingList,
			MinItems: 1, MaxItems: 1, Block: &providerschema.Block{
				Attributes: map[string]*providerschema.Attribute{"on": {Type: cty.Bool, Optional: true, Deprecated: true}},
				BlockTypes: map[string]*providerschema.NestedBlock{}}}},
	}}
	typeEq := cmp.Comparer(func(a, b cty.Type) bool { return a.Equals(b) })
	if diff := cmp.Diff(want, res, typeEq); diff != "" {
		t.Errorf("resources (-want +got):\n%s", diff)
	}
	if a := c.config.Attributes["region"]; a == nil || !a.Optional {
		t.Errorf("provider region = %+v, want optional", a)
	}
	if a := data["aws_thing"].Attributes["arn"]; a == nil || a.Settable() || !a.Computed {
		t.Errorf("data source arn = %+v, want computed-only", a)
	}
}

func TestConvertRefusesNestedType(t *testing.T) {
	raw := `{"provider_schemas":{"registry.terraform.io/hashicorp/aws":{"resource_schemas":{"aws_x":{"block":{
		"attributes":{"n":{"nested_type":{"attributes":{}},"optional":true}}}}}}}}`
	if _, err := convert([]byte(raw)); err == nil {
		t.Error("convert accepted a nested_type attribute it cannot represent")
	}
}

// TestEmbeddedSchemaIsCurrent regenerates the schema with real Terraform
// and compares it with the committed aws.schema, byte for byte.
func TestEmbeddedSchemaIsCurrent(t *testing.T) {
	if testing.Short() {
		t.Skip("SKIPPED in -short mode: regenerating the provider schema with terraform")
	}
	tf, err := exec.LookPath("terraform")
	if err != nil {
		t.Skip("SKIPPED: terraform is not on PATH; aws.schema was NOT compared with the provider")
	}
	mirror := os.Getenv("SYNCLOUD_TF_PLUGIN_MIRROR")
	if mirror == "" {
		mirror = "/opt/tf-plugins"
	}
	if _, err := os.Stat(mirror); err != nil {
		t.Skipf("SKIPPED: no provider mirror at %s; aws.schema was NOT compared with the provider", mirror)
	}
	out := filepath.Join(t.TempDir(), "aws.schema")
	if err := run(tf, out, mirror); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile("../aws.schema")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("aws.schema is stale: regenerated %d bytes differ from the committed %d; run go generate ./internal/providerschema", len(got), len(want))
	}
}
