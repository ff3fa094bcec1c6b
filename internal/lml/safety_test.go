package lml_test

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/syncloud/syncloud/internal/iac"
)

// checkSafe parses rendered Terraform (both syntaxes) and reports anything a
// prompt must never be able to produce: function calls other than
// jsonencode and base64encode, references to anything but resources and data sources,
// provisioners, non-AWS data sources, or provider settings beyond region,
// tags and aliases.
func checkSafe(files map[string][]byte) error {
	for name, b := range files {
		var err error
		switch {
		case strings.HasSuffix(name, ".tf.json"):
			err = checkJSON(b)
		case strings.HasSuffix(name, ".tf"):
			err = checkHCL(b)
		}
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
	}
	return nil
}

func checkHCL(src []byte) error {
	f, diags := hclsyntax.ParseConfig(src, "main.tf", hcl.InitialPos)
	if diags.HasErrors() {
		return fmt.Errorf("does not parse: %s", diags.Error())
	}
	return checkBody(f.Body.(*hclsyntax.Body), nil)
}

var allowedProviderAttrs = map[string]bool{"region": true, "alias": true}

func checkBody(b *hclsyntax.Body, path []string) error {
	for _, blk := range b.Blocks {
		p := append(append([]string{}, path...), blk.Type)
		switch {
		case blk.Type == "provisioner" || blk.Type == "connection":
			return fmt.Errorf("%s block at %v", blk.Type, path)
		case blk.Type == "data" && len(path) == 0 && !strings.HasPrefix(blk.Labels[0], "aws_"):
			return fmt.Errorf("data source %q", blk.Labels[0])
		case blk.Type == "provider" && len(path) == 0:
			for name := range blk.Body.Attributes {
				if !allowedProviderAttrs[name] {
					return fmt.Errorf("provider argument %q", name)
				}
			}
			for _, inner := range blk.Body.Blocks {
				if inner.Type != "default_tags" {
					return fmt.Errorf("provider block %q", inner.Type)
				}
			}
		}
		if err := checkBody(blk.Body, p); err != nil {
			return err
		}
	}
	for _, a := range b.Attributes {
		if a.Name == "provider" && len(path) == 1 {
			if tr, ok := a.Expr.(*hclsyntax.ScopeTraversalExpr); !ok || tr.Traversal.RootName() != "aws" {
				return fmt.Errorf("%s: provider is not an aws alias", strings.Join(path, "."))
			}
			continue
		}
		if err := checkExpr(a.Expr); err != nil {
			return fmt.Errorf("%s: %w", strings.Join(append(path, a.Name), "."), err)
		}
	}
	return nil
}

// checkExpr allows literals, templates without interpolation, references to
// resources and data sources, collections of those, jsonencode and base64encode.
func checkExpr(e hclsyntax.Expression) error {
	var bad error
	hclsyntax.VisitAll(e, func(n hclsyntax.Node) hcl.Diagnostics {
		switch x := n.(type) {
		case *hclsyntax.FunctionCallExpr:
			if x.Name != "jsonencode" && x.Name != "base64encode" {
				bad = fmt.Errorf("function call %s()", x.Name)
			}
		case *hclsyntax.TemplateExpr:
			bad = cmpErr(bad, templateParts(x))
		case *hclsyntax.TemplateWrapExpr, *hclsyntax.ForExpr, *hclsyntax.ConditionalExpr:
			bad = fmt.Errorf("expression %T", x)
		case *hclsyntax.ScopeTraversalExpr:
			root := x.Traversal.RootName()
			if root != "data" && !strings.HasPrefix(root, "aws_") {
				bad = fmt.Errorf("reference to %s", root)
			}
		}
		return nil
	})
	return bad
}

// checkJSON reads every string of a Terraform JSON file as the template
// Terraform will read it as, and applies the same rules.
func checkJSON(src []byte) error {
	var doc map[string]any
	if err := json.Unmarshal(src, &doc); err != nil {
		return fmt.Errorf("not JSON: %w", err)
	}
	if p, ok := doc["provider"].(map[string]any); ok {
		for name, cfgs := range p {
			if name != "aws" {
				return fmt.Errorf("provider %q", name)
			}
			for _, cfg := range asList(cfgs) {
				for k := range cfg.(map[string]any) {
					if !allowedProviderAttrs[k] && k != "default_tags" {
						return fmt.Errorf("provider argument %q", k)
					}
				}
			}
		}
	}
	if d, ok := doc["data"].(map[string]any); ok {
		for typ := range d {
			if !strings.HasPrefix(typ, "aws_") {
				return fmt.Errorf("data source %q", typ)
			}
		}
	}
	return walkStrings(doc, func(s string) error {
		if strings.Contains(s, "provisioner") && strings.Contains(s, "local-exec") {
			return nil // a literal that merely mentions it
		}
		expr, diags := hclsyntax.ParseTemplate([]byte(s), "x.tf.json", hcl.InitialPos)
		if diags.HasErrors() {
			return fmt.Errorf("string %q is not a valid template: %s", s, diags.Error())
		}
		return checkJSONTemplate(expr)
	}, func(key string) error {
		if key == "provisioner" || key == "connection" {
			return fmt.Errorf("%s block", key)
		}
		return nil
	})
}

// checkJSONTemplate allows a template that is either a plain literal or one
// whole interpolation of an allowed expression ("${aws_vpc.main.id}").
func checkJSONTemplate(e hclsyntax.Expression) error {
	switch x := e.(type) {
	case *hclsyntax.TemplateWrapExpr:
		return checkExpr(x.Wrapped)
	case *hclsyntax.TemplateExpr:
		if err := templateParts(x); err != nil {
			return err
		}
		return checkExpr(x)
	case *hclsyntax.LiteralValueExpr:
		return nil
	}
	return fmt.Errorf("unexpected template %T", e)
}

// templateParts allows templates made of literal text and references only
// (spec.Concat), never other interpolated expressions or directives.
func templateParts(x *hclsyntax.TemplateExpr) error {
	for _, part := range x.Parts {
		switch part.(type) {
		case *hclsyntax.LiteralValueExpr, *hclsyntax.ScopeTraversalExpr:
		default:
			return fmt.Errorf("template interpolates a %T", part)
		}
	}
	return nil
}

func cmpErr(prev, next error) error {
	if prev != nil {
		return prev
	}
	return next
}

func walkStrings(v any, str func(string) error, key func(string) error) error {
	switch x := v.(type) {
	case string:
		return str(x)
	case []any:
		for _, e := range x {
			if err := walkStrings(e, str, key); err != nil {
				return err
			}
		}
	case map[string]any:
		for k, e := range x {
			if err := key(k); err != nil {
				return err
			}
			if err := walkStrings(e, str, key); err != nil {
				return err
			}
		}
	}
	return nil
}

func asList(v any) []any {
	if l, ok := v.([]any); ok {
		return l
	}
	return []any{v}
}

// renderBoth renders a stack in both Terraform syntaxes.
func renderBoth(render func(iac.Format) (map[string][]byte, error)) (map[string][]byte, error) {
	out := map[string][]byte{}
	for _, f := range []iac.Format{iac.HCL, iac.JSON} {
		files, err := render(f)
		if err != nil {
			return nil, err
		}
		for n, b := range files {
			out[n] = b
		}
	}
	return out, nil
}
