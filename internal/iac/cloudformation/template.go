package cloudformation

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/syncloud/syncloud/internal/spec"
)

// FileName is the name under which the rendered template is written.
const FileName = "template.json"

// template is a CloudFormation template. encoding/json writes map keys
// sorted, so the output is deterministic.
type template struct {
	Version     string               `json:"AWSTemplateFormatVersion"`
	Description string               `json:"Description"`
	Metadata    map[string]any       `json:"Metadata"`
	Parameters  map[string]parameter `json:"Parameters,omitempty"`
	Resources   map[string]*resource `json:"Resources"`
}

// parameter is a template parameter: an SSM AMI lookup, or a VPC or subnets
// for the person deploying to pick.
type parameter struct {
	Type        string `json:"Type"`
	Default     string `json:"Default,omitempty"`
	Description string `json:"Description"`
}

// resource is one CloudFormation resource.
type resource struct {
	Type                string         `json:"Type"`
	DependsOn           []string       `json:"DependsOn,omitempty"`
	DeletionPolicy      string         `json:"DeletionPolicy,omitempty"`
	UpdateReplacePolicy string         `json:"UpdateReplacePolicy,omitempty"`
	Properties          map[string]any `json:"Properties,omitempty"`
}

// Render returns the stack as a CloudFormation template, indented JSON
// ending in a newline. It fails, naming the culprit, on anything it cannot
// map.
func Render(s *spec.Stack) ([]byte, error) {
	if err := s.Validate().Err(); err != nil {
		return nil, fmt.Errorf("cloudformation: invalid stack: %w", err)
	}
	r, err := newRenderer(s)
	if err != nil {
		return nil, fmt.Errorf("cloudformation: %w", err)
	}
	t, err := r.template()
	if err != nil {
		return nil, fmt.Errorf("cloudformation: %w", err)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(t); err != nil {
		return nil, fmt.Errorf("cloudformation: encode template: %w", err)
	}
	return buf.Bytes(), nil
}
