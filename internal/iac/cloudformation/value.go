package cloudformation

import (
	"encoding/json"
	"strconv"
	"strings"

	"github.com/syncloud/syncloud/internal/spec"
)

// value converts a spec value to template JSON: literals as they are,
// references as intrinsic functions.
func (c *conv) value(v spec.Value) any {
	switch v.Kind {
	case spec.KindString:
		return v.Str
	case spec.KindNumber:
		return v.Num
	case spec.KindBool:
		return v.Bool
	case spec.KindList:
		out := make([]any, len(v.List))
		for i, e := range v.List {
			out[i] = c.value(e)
		}
		return out
	case spec.KindMap:
		out := make(map[string]any, len(v.Map))
		for _, e := range v.Map {
			c.checkKey(e.Key)
			out[e.Key] = c.value(e.Value)
		}
		return out
	case spec.KindRef:
		return c.ref(v.Ref)
	case spec.KindJSON:
		return c.jsonString(v.JSON[0])
	case spec.KindBase64:
		return map[string]any{"Fn::Base64": v.Str}
	case spec.KindConcat:
		parts := make([]any, len(v.List))
		for i, p := range v.List {
			parts[i] = c.value(p)
		}
		return map[string]any{"Fn::Join": []any{"", parts}}
	}
	return nil
}

// jsonString writes a JSON-encoded value where CloudFormation wants a
// string. Without references it is encoded here; with references it would
// need Fn::ToJsonString, a transform, so it fits only properties that take
// a JSON object (see jsonDoc).
func (c *conv) jsonString(v spec.Value) any {
	if hasRef(v) {
		c.failf("a JSON-encoded value with references can only go where CloudFormation takes a JSON object")
		return nil
	}
	b, err := v.MarshalJSON()
	if err != nil {
		c.failf("encode JSON value: %v", err)
		return nil
	}
	return string(b)
}

func hasRef(v spec.Value) bool {
	switch v.Kind {
	case spec.KindRef:
		return true
	case spec.KindList:
		for _, e := range v.List {
			if hasRef(e) {
				return true
			}
		}
	case spec.KindMap:
		for _, e := range v.Map {
			if hasRef(e.Value) {
				return true
			}
		}
	case spec.KindJSON:
		return hasRef(v.JSON[0])
	case spec.KindConcat:
		for _, p := range v.List {
			if p.Kind == spec.KindRef {
				return true
			}
		}
	}
	return false
}

// checkKey refuses map keys that CloudFormation would read as an intrinsic
// function, so user data can never become one. ("Condition" is such a key
// only inside the Conditions section, which SynCloud never writes; in a
// policy it is the statement's condition.)
func (c *conv) checkKey(k string) {
	if k == "Ref" || strings.HasPrefix(k, "Fn::") {
		c.failf("map key %q would be read by CloudFormation as an intrinsic function", k)
	}
}

// str converts a value for a property CloudFormation types as a string
// (ports, storage sizes, TTLs).
func str(c *conv, v spec.Value) any {
	switch v.Kind {
	case spec.KindNumber:
		return strconv.FormatFloat(v.Num, 'f', -1, 64)
	case spec.KindBool:
		return strconv.FormatBool(v.Bool)
	}
	return c.value(v)
}

// base64 wraps a value in Fn::Base64, as EC2 user data needs.
func base64(c *conv, v spec.Value) any { return map[string]any{"Fn::Base64": c.value(v)} }

// jsonDoc converts a JSON document argument (an IAM policy, a redrive
// policy): a literal JSON string is parsed into an object, a JSON-encoded
// value (jsonencode) becomes the object it encodes, and a reference to a
// policy document is converted as a value.
func jsonDoc(c *conv, v spec.Value) any {
	if v.Kind == spec.KindJSON {
		return c.value(v.JSON[0])
	}
	if v.Kind != spec.KindString {
		return c.value(v)
	}
	var doc any
	if err := json.Unmarshal([]byte(v.Str), &doc); err != nil {
		c.failf("JSON document is not valid JSON: %v", err)
		return nil
	}
	c.checkKeys(doc)
	return doc
}

// checkKeys applies checkKey to every object key of a decoded document.
func (c *conv) checkKeys(doc any) {
	switch x := doc.(type) {
	case map[string]any:
		for k, v := range x {
			c.checkKey(k)
			c.checkKeys(v)
		}
	case []any:
		for _, v := range x {
			c.checkKeys(v)
		}
	}
}

// list makes sure a property is a list: a single value becomes a list of one.
func list(c *conv, v spec.Value) any {
	if v.Kind == spec.KindRef {
		out, isList := c.refValue(v.Ref)
		if isList {
			return out
		}
		return []any{out}
	}
	if v.Kind == spec.KindList {
		return c.value(v)
	}
	return []any{c.value(v)}
}
