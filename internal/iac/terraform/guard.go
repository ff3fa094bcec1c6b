package terraform

import (
	"fmt"
	"math"
	"regexp"
	"unicode/utf8"

	"github.com/syncloud/syncloud/internal/spec"
)

// metaArgs are the names Terraform reserves inside resource and data blocks.
var metaArgs = map[string]bool{"count": true, "for_each": true, "provider": true, "depends_on": true,
	"lifecycle": true, "provisioner": true, "connection": true}

var (
	identRe = regexp.MustCompile(`^[a-z_][a-z0-9_-]*$`)
	indexRe = regexp.MustCompile(`^[0-9]+$`)
)

// guard refuses what spec.Validate allows but Terraform would read as
// something other than data: meta-argument names, dynamic blocks, strings
// that are not UTF-8 and numbers Terraform cannot hold.
func guard(s *spec.Stack) error {
	for i := range s.Resources {
		r := &s.Resources[i]
		path := r.Addr().String()
		for _, a := range r.Body.Attrs {
			if metaArgs[a.Name] {
				return fmt.Errorf("%s: %q is a Terraform meta-argument, not an attribute", path, a.Name)
			}
		}
		for _, b := range r.Body.Blocks {
			if metaArgs[b.Type] {
				return fmt.Errorf("%s: %q is a Terraform meta-argument, not a block", path, b.Type)
			}
		}
		if err := guardBody(path, &r.Body); err != nil {
			return err
		}
	}
	for k, v := range s.Tags {
		if !utf8.ValidString(k) || !utf8.ValidString(v) {
			return fmt.Errorf("tags: %q is not valid UTF-8", k)
		}
	}
	return nil
}

func guardBody(path string, b *spec.Body) error {
	for _, a := range b.Attrs {
		if err := guardValue(path+"."+a.Name, a.Value); err != nil {
			return err
		}
	}
	for i := range b.Blocks {
		blk := &b.Blocks[i]
		if blk.Type == "dynamic" {
			return fmt.Errorf("%s: dynamic blocks cannot be written", path)
		}
		if err := guardBody(path+"."+blk.Type, &blk.Body); err != nil {
			return err
		}
	}
	return nil
}

func guardValue(path string, v spec.Value) error {
	switch v.Kind {
	case spec.KindString, spec.KindBase64:
		if !utf8.ValidString(v.Str) {
			return fmt.Errorf("%s: string is not valid UTF-8", path)
		}
	case spec.KindNumber:
		if math.IsNaN(v.Num) || math.IsInf(v.Num, 0) {
			return fmt.Errorf("%s: %v is not a number Terraform can hold", path, v.Num)
		}
	case spec.KindList:
		return guardValues(path, v.List)
	case spec.KindMap:
		for _, e := range v.Map {
			if !utf8.ValidString(e.Key) {
				return fmt.Errorf("%s: map key is not valid UTF-8", path)
			}
			if err := guardValue(path+"."+e.Key, e.Value); err != nil {
				return err
			}
		}
	case spec.KindJSON:
		return guardValues(path, v.JSON)
	case spec.KindConcat:
		return guardValues(path, v.List)
	}
	return nil
}

func guardValues(path string, vs []spec.Value) error {
	for _, e := range vs {
		if err := guardValue(path, e); err != nil {
			return err
		}
	}
	return nil
}
