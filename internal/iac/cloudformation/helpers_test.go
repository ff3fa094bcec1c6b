package cloudformation

import (
	"github.com/syncloud/syncloud/internal/spec"
)

// Builders that keep the test stacks short.

func res(typ, name string, items ...any) spec.Resource {
	return spec.Resource{Type: typ, Name: name, Body: body(items...)}
}

func dataRes(typ, name string, items ...any) spec.Resource {
	return spec.Resource{Mode: spec.Data, Type: typ, Name: name, Body: body(items...)}
}

func counted(r spec.Resource, n int) spec.Resource { r.Count = n; return r }

func body(items ...any) spec.Body {
	var b spec.Body
	for _, it := range items {
		switch x := it.(type) {
		case spec.Attr:
			b.Attrs = append(b.Attrs, x)
		case spec.Block:
			b.Blocks = append(b.Blocks, x)
		default:
			panic("body: want spec.Attr or spec.Block")
		}
	}
	return b
}

func attr(name string, v spec.Value) spec.Attr { return spec.Attr{Name: name, Value: v} }

func blk(typ string, items ...any) spec.Block { return spec.Block{Type: typ, Body: body(items...)} }

func s(v string) spec.Value { return spec.String(v) }

func n(v int) spec.Value { return spec.Int(v) }

func b(v bool) spec.Value { return spec.Bool(v) }

func addr(typ, name string) spec.Address { return spec.Address{Type: typ, Name: name} }

func refTo(typ, name, attr string) spec.Value { return spec.RefTo(addr(typ, name), attr) }

func dataRef(typ, name, attr string) spec.Value {
	return spec.RefTo(spec.Address{Mode: spec.Data, Type: typ, Name: name}, attr)
}
