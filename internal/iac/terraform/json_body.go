package terraform

import (
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/zclconf/go-cty/cty"

	"github.com/syncloud/syncloud/internal/providerschema"
	"github.com/syncloud/syncloud/internal/spec"
)

// bodyJSON writes a body's attributes, then its nested blocks grouped by
// type as arrays of objects. sch, when known, says which block types are
// really attributes of type list-of-object; those become lists of complete
// objects.
func bodyJSON(b *spec.Body, sch *providerschema.Block) (object, error) {
	var o object
	for _, a := range b.Attrs {
		v, err := jsonValue(a.Value)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", a.Name, err)
		}
		o = append(o, member{a.Name, v})
	}
	for _, typ := range blockTypes(b) {
		v, err := blocksJSON(typ, b.BlocksOf(typ), sch)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", typ, err)
		}
		o = append(o, member{typ, v})
	}
	return o, nil
}

func blocksJSON(typ string, bodies []*spec.Body, sch *providerschema.Block) ([]any, error) {
	var inner *providerschema.Block
	var obj cty.Type
	asAttr := false
	if sch != nil {
		if sa, ok := sch.Attributes[typ]; ok {
			obj, asAttr = sa.ObjectElem()
		} else if nb, ok := sch.BlockTypes[typ]; ok {
			inner = nb.Block
		}
	}
	out := make([]any, len(bodies))
	for i, body := range bodies {
		var err error
		if asAttr {
			out[i], err = fullObject(body, obj)
		} else {
			out[i], err = bodyJSON(body, inner)
		}
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// fullObject writes a block given for an attribute of object type as the
// object itself, with every attribute of the type: the ones the block sets,
// and the rest as [] for collections, false for bools and null otherwise.
func fullObject(b *spec.Body, ty cty.Type) (object, error) {
	ats := ty.AttributeTypes()
	for _, a := range b.Attrs {
		if _, ok := ats[a.Name]; !ok {
			return nil, fmt.Errorf("unsupported attribute %s", strconv.Quote(a.Name))
		}
	}
	for _, blk := range b.Blocks {
		if _, ok := ats[blk.Type]; !ok {
			return nil, fmt.Errorf("unsupported block type %s", strconv.Quote(blk.Type))
		}
	}
	var o object
	for _, name := range sortedNames(ats) {
		v, err := objectMember(b, name, ats[name])
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		o = append(o, member{name, v})
	}
	return o, nil
}

func objectMember(b *spec.Body, name string, ty cty.Type) (any, error) {
	if v, ok := b.Get(name); ok {
		return jsonValue(v)
	}
	if blocks := b.BlocksOf(name); len(blocks) > 0 {
		obj, ok := (&providerschema.Attribute{Type: ty}).ObjectElem()
		if !ok {
			return nil, fmt.Errorf("%s is not a list of objects", strconv.Quote(name))
		}
		out := make([]any, len(blocks))
		for i, blk := range blocks {
			var err error
			if out[i], err = fullObject(blk, obj); err != nil {
				return nil, err
			}
		}
		return out, nil
	}
	switch {
	case ty.IsListType() || ty.IsSetType() || ty.IsTupleType():
		return []any{}, nil
	case ty == cty.Bool:
		return false, nil
	}
	return nil, nil
}

// jsonValue converts a value to what encoding/json writes for it, escaping
// every literal string as a template literal and writing references and
// jsonencode as "${...}" built from checked identifiers.
func jsonValue(v spec.Value) (any, error) {
	switch v.Kind {
	case spec.KindNull:
		return nil, nil
	case spec.KindString:
		return escapeTemplate(v.Str), nil
	case spec.KindNumber:
		return json.Number(strconv.FormatFloat(v.Num, 'f', -1, 64)), nil
	case spec.KindBool:
		return v.Bool, nil
	case spec.KindList:
		return jsonList(v.List)
	case spec.KindMap:
		return jsonMap(v.Map)
	case spec.KindConcat:
		return jsonConcat(v.List)
	case spec.KindRef, spec.KindJSON, spec.KindBase64:
		t, err := valueTokens(v)
		if err != nil {
			return nil, err
		}
		return "${" + string(t.Bytes()) + "}", nil
	}
	return nil, fmt.Errorf("cannot render a value of kind %s", v.Kind)
}

func jsonList(vs []spec.Value) ([]any, error) {
	out := make([]any, len(vs))
	for i, e := range vs {
		var err error
		if out[i], err = jsonValue(e); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// jsonMap writes a map; its keys are templates too, so they are escaped.
func jsonMap(es []spec.Entry) (object, error) {
	o := make(object, len(es))
	for i, e := range es {
		ev, err := jsonValue(e.Value)
		if err != nil {
			return nil, err
		}
		o[i] = member{escapeTemplate(e.Key), ev}
	}
	return o, nil
}

func blockTypes(b *spec.Body) []string {
	var out []string
	seen := map[string]bool{}
	for _, blk := range b.Blocks {
		if !seen[blk.Type] {
			seen[blk.Type] = true
			out = append(out, blk.Type)
		}
	}
	return out
}

func sortedNames(m map[string]cty.Type) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// jsonConcat writes a string template in JSON syntax: literal parts escaped,
// references as ${traversal}.
func jsonConcat(parts []spec.Value) (string, error) {
	var b strings.Builder
	for _, p := range parts {
		switch p.Kind {
		case spec.KindString:
			b.WriteString(escapeTemplate(p.Str))
		case spec.KindRef:
			t, err := refTokens(p.Ref)
			if err != nil {
				return "", err
			}
			b.WriteString("${" + string(t.Bytes()) + "}")
		default:
			return "", fmt.Errorf("a concatenation cannot hold a %s", p.Kind)
		}
	}
	return b.String(), nil
}
