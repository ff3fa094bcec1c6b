package spec

import (
	"fmt"
	"sort"
	"strconv"
)

// Kind says which of a Value's fields holds its content.
type Kind uint8

// The kinds of Value.
const (
	KindNull Kind = iota
	KindString
	KindNumber
	KindBool
	KindList
	KindMap
	KindRef
	KindJSON
	KindConcat
	KindBase64
)

func (k Kind) String() string {
	switch k {
	case KindNull:
		return "null"
	case KindString:
		return "string"
	case KindNumber:
		return "number"
	case KindBool:
		return "bool"
	case KindList:
		return "list"
	case KindMap:
		return "map"
	case KindRef:
		return "ref"
	case KindJSON:
		return "json"
	case KindConcat:
		return "concat"
	case KindBase64:
		return "base64"
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}

// Value is an attribute value: a literal, a list or map of values, null, or a
// reference to another resource's attribute. Build values with the
// constructors (String, Number, ...) rather than by hand.
type Value struct {
	Kind Kind
	Str  string  // KindString; the text to encode for KindBase64
	Num  float64 // KindNumber
	Bool bool    // KindBool
	List []Value // KindList; the parts of a KindConcat
	Map  []Entry // KindMap, sorted by key
	Ref  *Ref    // KindRef
	// JSON is the value to encode for KindJSON: a string holding the JSON
	// form of JSON[0], computed by Terraform (jsonencode) so that it may
	// contain references.
	JSON []Value
}

// Entry is one key of a map value.
type Entry struct {
	Key   string
	Value Value
}

// Null is the absent value, rendered as null where a type needs it spelled out.
func Null() Value { return Value{Kind: KindNull} }

// String is a literal string. It is always rendered escaped.
func String(s string) Value { return Value{Kind: KindString, Str: s} }

// Number is a literal number.
func Number(n float64) Value { return Value{Kind: KindNumber, Num: n} }

// Int is a literal whole number.
func Int(n int) Value { return Number(float64(n)) }

// Bool is a literal boolean.
func Bool(b bool) Value { return Value{Kind: KindBool, Bool: b} }

// List is a list (or set) of values.
func List(vs ...Value) Value {
	if vs == nil {
		vs = []Value{}
	}
	return Value{Kind: KindList, List: vs}
}

// Strings is a list of literal strings.
func Strings(ss ...string) Value {
	vs := make([]Value, len(ss))
	for i, s := range ss {
		vs[i] = String(s)
	}
	return List(vs...)
}

// Map is a map of values; its entries are kept sorted by key.
func Map(m map[string]Value) Value {
	es := make([]Entry, 0, len(m))
	for k, v := range m {
		es = append(es, Entry{Key: k, Value: v})
	}
	sort.Slice(es, func(i, j int) bool { return es[i].Key < es[j].Key })
	return Value{Kind: KindMap, Map: es}
}

// StringMap is a map of literal strings, such as tags.
func StringMap(m map[string]string) Value {
	vm := make(map[string]Value, len(m))
	for k, v := range m {
		vm[k] = String(v)
	}
	return Map(vm)
}

// RefTo is a reference to attribute attr of the resource at addr.
func RefTo(addr Address, attr string) Value {
	return Value{Kind: KindRef, Ref: &Ref{To: addr, Attr: attr, Index: NoIndex}}
}

// RefIndex is a reference to attribute attr of instance i of a counted resource.
func RefIndex(addr Address, i int, attr string) Value {
	return Value{Kind: KindRef, Ref: &Ref{To: addr, Attr: attr, Index: i}}
}

// RefSplat is a reference to attribute attr of every instance of a counted
// resource (addr[*].attr): a list.
func RefSplat(addr Address, attr string) Value {
	return Value{Kind: KindRef, Ref: &Ref{To: addr, Attr: attr, Index: Splat}}
}

// JSON is a string holding the JSON encoding of v, which may contain
// references (a queue's redrive policy naming its dead-letter queue's ARN, a
// container definition naming its log group). Renderers emit it as
// Terraform's jsonencode of v; nothing else of Terraform's language is
// reachable this way.
func JSON(v Value) Value { return Value{Kind: KindJSON, JSON: []Value{v}} }

// Concat is a string made of literal strings and references, in order: the
// ARN of every object in a bucket ("<bucket arn>/*"), an API route's target
// ("integrations/<id>"). Renderers write it as a string template whose
// literal parts are escaped; parts of any other kind are invalid.
func Concat(parts ...Value) Value { return Value{Kind: KindConcat, List: parts} }

// Base64 is the base64 encoding of the literal text s, for arguments that
// take encoded data (a launch template's user data). Renderers write
// Terraform's base64encode of s and CloudFormation's Fn::Base64, so the
// text stays readable in the generated code.
func Base64(s string) Value { return Value{Kind: KindBase64, Str: s} }

// Index values of a Ref that are not instance numbers.
const (
	NoIndex = -1 // the resource is not counted: addr.attr
	Splat   = -2 // every instance: addr[*].attr
)

// Ref points at an attribute of another resource or data source. Attr is a
// dotted path of identifiers and decimal indexes ("id", "names.0",
// "root_block_device.0.volume_id").
type Ref struct {
	To    Address
	Attr  string
	Index int // NoIndex, Splat, or an instance number
}

// String returns the reference in Terraform's traversal syntax, e.g.
// "aws_vpc.main.id" or "data.aws_ami.ubuntu.id".
func (r Ref) String() string {
	s := r.To.String()
	switch {
	case r.Index == Splat:
		s += "[*]"
	case r.Index >= 0:
		s += "[" + strconv.Itoa(r.Index) + "]"
	}
	return s + "." + r.Attr
}

// GoString helps test failures read well.
func (v Value) GoString() string {
	switch v.Kind {
	case KindString:
		return strconv.Quote(v.Str)
	case KindNumber:
		return strconv.FormatFloat(v.Num, 'g', -1, 64)
	case KindBool:
		return strconv.FormatBool(v.Bool)
	case KindRef:
		return v.Ref.String()
	}
	return fmt.Sprintf("%s%v", v.Kind, v.List)
}
