// Package iac renders a spec.Stack in the output format a user picked:
// Terraform native syntax, Terraform JSON syntax or CloudFormation. The
// renderers themselves live in iac/terraform and iac/cloudformation.
package iac

import (
	"fmt"
	"strings"

	"github.com/syncloud/syncloud/internal/iac/terraform"
	"github.com/syncloud/syncloud/internal/spec"
)

// Format is an output format as users name it.
type Format string

// The formats SynCloud writes.
const (
	HCL  Format = "hcl"  // main.tf
	JSON Format = "json" // main.tf.json
	CFN  Format = "cfn"  // template.json
)

// ParseFormat reads a format name; "" means HCL.
func ParseFormat(s string) (Format, error) {
	switch f := Format(strings.ToLower(strings.TrimSpace(s))); f {
	case "", "tf", HCL:
		return HCL, nil
	case JSON, "tf.json":
		return JSON, nil
	case CFN, "cloudformation":
		return CFN, nil
	}
	return "", fmt.Errorf("unknown format %q: want hcl, json or cfn", s)
}

// Render writes the stack in format f and returns the files by name.
func Render(s *spec.Stack, f Format) (map[string][]byte, error) {
	switch f {
	case HCL:
		return terraform.Render(s, terraform.HCL, terraform.Options{})
	case JSON:
		return terraform.Render(s, terraform.JSON, terraform.Options{})
	case CFN:
		return renderCFN(s)
	}
	return nil, fmt.Errorf("unknown format %q", f)
}
