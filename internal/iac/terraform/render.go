package terraform

import (
	"fmt"
	"strings"

	"github.com/syncloud/syncloud/internal/spec"
)

// Format is a Terraform configuration syntax.
type Format uint8

// The syntaxes Render writes.
const (
	HCL  Format = iota // native syntax, main.tf
	JSON               // JSON syntax, main.tf.json
)

func (f Format) String() string {
	if f == JSON {
		return "json"
	}
	return "hcl"
}

// FileName is the name of the file Render writes in this format.
func (f Format) FileName() string {
	if f == JSON {
		return "main.tf.json"
	}
	return "main.tf"
}

// FormatFromString reads a format as a user types it: "hcl" or "tf" for
// native syntax, "json" or "tf.json" for JSON syntax.
func FormatFromString(s string) (Format, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "hcl", "tf":
		return HCL, nil
	case "json", "tf.json":
		return JSON, nil
	}
	return 0, fmt.Errorf("unknown Terraform format %q: want hcl or json", s)
}

// Render writes a stack as Terraform configuration in the given syntax and
// returns the files by name (main.tf or main.tf.json). The stack must pass
// spec.Validate; checking it against the provider schema is the caller's
// job (providerschema.Check).
func Render(s *spec.Stack, f Format, opts Options) (map[string][]byte, error) {
	if err := s.Validate().Err(); err != nil {
		return nil, fmt.Errorf("render terraform: invalid stack: %w", err)
	}
	if err := guard(s); err != nil {
		return nil, fmt.Errorf("render terraform: %w", err)
	}
	provs, err := providerConfigs(s, opts)
	if err != nil {
		return nil, fmt.Errorf("render terraform: %w", err)
	}
	var out []byte
	if f == JSON {
		out, err = renderJSON(s, provs, opts)
	} else {
		out, err = renderHCL(s, provs, opts)
	}
	if err != nil {
		return nil, fmt.Errorf("render terraform %s: %w", f, err)
	}
	return map[string][]byte{f.FileName(): out}, nil
}
