package providerschema

import (
	"strconv"
	"strings"

	"github.com/zclconf/go-cty/cty"

	"github.com/syncloud/syncloud/internal/spec"
)

// checkValue reports whether a literal fits a cty type, allowing the
// conversions Terraform makes on its own: numbers and bools to strings, and
// strings that spell a number or a bool. A JSON-encoded value is a string.
// References and null fit anything.
func checkValue(ds *spec.Diagnostics, path string, v spec.Value, ty cty.Type) {
	if v.Kind == spec.KindRef || v.Kind == spec.KindNull || ty == cty.DynamicPseudoType {
		return
	}
	switch {
	case ty == cty.String:
		switch v.Kind {
		case spec.KindString, spec.KindNumber, spec.KindBool, spec.KindJSON, spec.KindConcat, spec.KindBase64:
		default:
			mismatch(ds, path, v, ty)
		}
	case ty == cty.Number:
		if v.Kind != spec.KindNumber && !(v.Kind == spec.KindString && isNumber(v.Str)) {
			mismatch(ds, path, v, ty)
		}
	case ty == cty.Bool:
		if v.Kind != spec.KindBool && !(v.Kind == spec.KindString && (v.Str == "true" || v.Str == "false")) {
			mismatch(ds, path, v, ty)
		}
	case ty.IsListType() || ty.IsSetType():
		checkElems(ds, path, v, ty, func(int) cty.Type { return ty.ElementType() })
	case ty.IsTupleType():
		elems := ty.TupleElementTypes()
		if v.Kind == spec.KindList && len(v.List) != len(elems) {
			ds.Errorf(path, "want %d elements, got %d", len(elems), len(v.List))
			return
		}
		checkElems(ds, path, v, ty, func(i int) cty.Type { return elems[i] })
	case ty.IsMapType():
		if v.Kind != spec.KindMap {
			mismatch(ds, path, v, ty)
			return
		}
		for _, e := range v.Map {
			checkValue(ds, path+"."+e.Key, e.Value, ty.ElementType())
		}
	case ty.IsObjectType():
		checkObject(ds, path, v, ty)
	}
}

func checkElems(ds *spec.Diagnostics, path string, v spec.Value, ty cty.Type, elem func(int) cty.Type) {
	if v.Kind != spec.KindList {
		mismatch(ds, path, v, ty)
		return
	}
	for i, e := range v.List {
		checkValue(ds, path+"."+strconv.Itoa(i), e, elem(i))
	}
}

func checkObject(ds *spec.Diagnostics, path string, v spec.Value, ty cty.Type) {
	if v.Kind != spec.KindMap {
		mismatch(ds, path, v, ty)
		return
	}
	ats := ty.AttributeTypes()
	given := map[string]bool{}
	for _, e := range v.Map {
		given[e.Key] = true
		at, ok := ats[e.Key]
		if !ok {
			ds.Errorf(path+"."+e.Key, "unsupported attribute %q%s", e.Key, suggest(e.Key, sortedKeys(ats)))
			continue
		}
		checkValue(ds, path+"."+e.Key, e.Value, at)
	}
	var missing []string
	for _, name := range sortedKeys(ats) {
		if !given[name] && !ty.AttributeOptional(name) {
			missing = append(missing, name)
		}
	}
	if len(missing) > 0 {
		ds.Errorf(path, "an object of this type needs every attribute, null where unused; missing: %s",
			strings.Join(missing, ", "))
	}
}

func mismatch(ds *spec.Diagnostics, path string, v spec.Value, ty cty.Type) {
	ds.Errorf(path, "want %s, got %s", ty.FriendlyName(), v.Kind)
}

// isNumber reports whether Terraform would convert the string to a number.
func isNumber(s string) bool {
	_, err := cty.ParseNumberVal(s)
	return err == nil
}
