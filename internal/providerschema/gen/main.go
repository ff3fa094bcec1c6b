// Command gen writes aws.schema, the compact AWS provider schema that package
// providerschema embeds. It runs real Terraform: `terraform init` in a
// temporary directory that requires the pinned provider version, then
// `terraform providers schema -json`.
//
// The provider comes from the filesystem mirror named by
// SYNCLOUD_TF_PLUGIN_MIRROR, or from the public registry when it is unset.
//
// Usage (from the package directory, as `go generate` runs it):
//
//	go run ./gen -out aws.schema
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"

	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/zclconf/go-cty/cty"

	"github.com/syncloud/syncloud/internal/providerschema"
)

const (
	source  = "registry.terraform.io/hashicorp/aws"
	version = "5.100.0"
)

func main() {
	out := flag.String("out", "aws.schema", "file to write")
	tf := flag.String("terraform", "terraform", "terraform binary")
	flag.Parse()
	if err := run(*tf, *out, os.Getenv("SYNCLOUD_TF_PLUGIN_MIRROR")); err != nil {
		slog.Error("generate provider schema", "err", err)
		os.Exit(1)
	}
}

func run(tf, out, mirror string) error {
	dir, err := os.MkdirTemp("", "providerschema-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	if err := writeWorkdir(dir, mirror); err != nil {
		return err
	}
	raw, err := providerSchemaJSON(tf, dir)
	if err != nil {
		return err
	}
	c, err := convert(raw)
	if err != nil {
		return err
	}
	blob, err := providerschema.Encode(source, version, c.config, c.res, c.data)
	if err != nil {
		return err
	}
	if err := os.WriteFile(out, blob, 0o644); err != nil {
		return err
	}
	slog.Info("wrote provider schema", "file", out, "bytes", len(blob),
		"resources", len(c.res), "data_sources", len(c.data), "raw_bytes", len(raw))
	return nil
}

// writeWorkdir writes the root module and the CLI configuration.
func writeWorkdir(dir, mirror string) error {
	root := hclwrite.NewEmptyFile()
	rp := root.Body().AppendNewBlock("terraform", nil).Body().AppendNewBlock("required_providers", nil)
	rp.Body().SetAttributeValue("aws", cty.ObjectVal(map[string]cty.Value{
		"source": cty.StringVal("hashicorp/aws"), "version": cty.StringVal(version),
	}))
	cli := hclwrite.NewEmptyFile()
	cli.Body().SetAttributeValue("plugin_cache_dir", cty.StringVal(filepath.Join(dir, "plugin-cache")))
	pi := cli.Body().AppendNewBlock("provider_installation", nil).Body()
	if mirror != "" {
		pi.AppendNewBlock("filesystem_mirror", nil).Body().SetAttributeValue("path", cty.StringVal(mirror))
	} else {
		pi.AppendNewBlock("direct", nil)
	}
	if err := os.MkdirAll(filepath.Join(dir, "plugin-cache"), 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), hclwrite.Format(root.Bytes()), 0o644); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "cli.tfrc"), hclwrite.Format(cli.Bytes()), 0o644)
}

func providerSchemaJSON(tf, dir string) ([]byte, error) {
	env := append(os.Environ(), "TF_CLI_CONFIG_FILE="+filepath.Join(dir, "cli.tfrc"), "TF_IN_AUTOMATION=1")
	init := exec.Command(tf, "init", "-input=false", "-no-color")
	init.Dir, init.Env = dir, env
	if b, err := init.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("terraform init: %w\n%s", err, b)
	}
	schema := exec.Command(tf, "providers", "schema", "-json")
	schema.Dir, schema.Env, schema.Stderr = dir, env, os.Stderr
	b, err := schema.Output()
	if err != nil {
		return nil, fmt.Errorf("terraform providers schema: %w", err)
	}
	return b, nil
}

// The parts of `terraform providers schema -json` that the compact form keeps.
type (
	rawSchemas struct {
		ProviderSchemas map[string]struct {
			Provider          rawSchema            `json:"provider"`
			ResourceSchemas   map[string]rawSchema `json:"resource_schemas"`
			DataSourceSchemas map[string]rawSchema `json:"data_source_schemas"`
		} `json:"provider_schemas"`
	}
	rawSchema struct {
		Block rawBlock `json:"block"`
	}
	rawBlock struct {
		Attributes map[string]rawAttribute `json:"attributes"`
		BlockTypes map[string]rawNested    `json:"block_types"`
	}
	rawAttribute struct {
		Type       json.RawMessage `json:"type"`
		NestedType json.RawMessage `json:"nested_type"`
		Required   bool            `json:"required"`
		Optional   bool            `json:"optional"`
		Computed   bool            `json:"computed"`
		Sensitive  bool            `json:"sensitive"`
		Deprecated bool            `json:"deprecated"`
		WriteOnly  bool            `json:"write_only"`
	}
	rawNested struct {
		NestingMode string   `json:"nesting_mode"`
		MinItems    int      `json:"min_items"`
		MaxItems    int      `json:"max_items"`
		Block       rawBlock `json:"block"`
	}
)

// converted is a provider schema in this package's terms.
type converted struct {
	config    *providerschema.Block
	res, data map[string]*providerschema.Block
}

func convert(raw []byte) (*converted, error) {
	var rs rawSchemas
	if err := json.Unmarshal(raw, &rs); err != nil {
		return nil, fmt.Errorf("read schema JSON: %w", err)
	}
	p, ok := rs.ProviderSchemas[source]
	if !ok {
		return nil, fmt.Errorf("schema JSON has no provider %s", source)
	}
	var c converted
	var err error
	if c.config, err = convertBlock(p.Provider.Block); err != nil {
		return nil, fmt.Errorf("provider: %w", err)
	}
	if c.res, err = convertAll(p.ResourceSchemas); err != nil {
		return nil, err
	}
	if c.data, err = convertAll(p.DataSourceSchemas); err != nil {
		return nil, err
	}
	return &c, nil
}

func convertAll(in map[string]rawSchema) (map[string]*providerschema.Block, error) {
	out := make(map[string]*providerschema.Block, len(in))
	for name, s := range in {
		b, err := convertBlock(s.Block)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		out[name] = b
	}
	return out, nil
}

func convertBlock(rb rawBlock) (*providerschema.Block, error) {
	b := &providerschema.Block{Attributes: map[string]*providerschema.Attribute{},
		BlockTypes: map[string]*providerschema.NestedBlock{}}
	for name, ra := range rb.Attributes {
		if len(ra.NestedType) > 0 {
			return nil, fmt.Errorf("attribute %s: nested_type attributes are not supported yet", name)
		}
		var ty cty.Type
		if err := json.Unmarshal(ra.Type, &ty); err != nil {
			return nil, fmt.Errorf("attribute %s: type %s: %w", name, ra.Type, err)
		}
		b.Attributes[name] = &providerschema.Attribute{Type: ty, Required: ra.Required,
			Optional: ra.Optional, Computed: ra.Computed, Sensitive: ra.Sensitive,
			Deprecated: ra.Deprecated, WriteOnly: ra.WriteOnly}
	}
	for name, rn := range rb.BlockTypes {
		mode, ok := providerschema.ParseNesting(rn.NestingMode)
		if !ok {
			return nil, fmt.Errorf("block %s: nesting mode %s", name, strconv.Quote(rn.NestingMode))
		}
		inner, err := convertBlock(rn.Block)
		if err != nil {
			return nil, fmt.Errorf("block %s: %w", name, err)
		}
		b.BlockTypes[name] = &providerschema.NestedBlock{Nesting: mode, MinItems: rn.MinItems,
			MaxItems: rn.MaxItems, Block: inner}
	}
	return b, nil
}
