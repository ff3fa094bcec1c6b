package spec

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
)

// A Stack's JSON form is what a workspace stores and what --explain --json
// prints. Values are natural JSON (strings, numbers, booleans, null, arrays,
// objects); a reference is the one-key object {"$ref": "aws_vpc.main.id"} and
// a JSON-encoded value the one-key object {"$json": value}, and a string
// made of parts {"$concat": ["literal", {"$ref": ...}]}.

// MarshalJSON encodes a value in its natural JSON form.
func (v Value) MarshalJSON() ([]byte, error) {
	switch v.Kind {
	case KindNull:
		return []byte("null"), nil
	case KindString:
		return json.Marshal(v.Str)
	case KindNumber:
		return []byte(strconv.FormatFloat(v.Num, 'f', -1, 64)), nil
	case KindBool:
		return json.Marshal(v.Bool)
	case KindList:
		if v.List == nil {
			return []byte("[]"), nil
		}
		return json.Marshal(v.List)
	case KindMap:
		var buf bytes.Buffer
		buf.WriteByte('{')
		for i, e := range v.Map {
			if i > 0 {
				buf.WriteByte(',')
			}
			k, _ := json.Marshal(e.Key)
			buf.Write(k)
			buf.WriteByte(':')
			b, err := e.Value.MarshalJSON()
			if err != nil {
				return nil, err
			}
			buf.Write(b)
		}
		buf.WriteByte('}')
		return buf.Bytes(), nil
	case KindRef:
		return json.Marshal(map[string]string{"$ref": v.Ref.String()})
	case KindConcat:
		parts, err := json.Marshal(v.List)
		if err != nil {
			return nil, err
		}
		return append(append([]byte(`{"$concat":`), parts...), '}'), nil
	case KindBase64:
		return json.Marshal(map[string]string{"$base64": v.Str})
	case KindJSON:
		inner, err := v.JSON[0].MarshalJSON()
		if err != nil {
			return nil, err
		}
		return append(append([]byte(`{"$json":`), inner...), '}'), nil
	}
	return nil, fmt.Errorf("spec: cannot encode value of kind %s", v.Kind)
}

// UnmarshalJSON decodes a value from its natural JSON form.
func (v *Value) UnmarshalJSON(b []byte) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var raw any
	if err := dec.Decode(&raw); err != nil {
		return err
	}
	val, err := fromJSON(raw)
	if err != nil {
		return err
	}
	*v = val
	return nil
}

func fromJSON(raw any) (Value, error) {
	switch x := raw.(type) {
	case nil:
		return Null(), nil
	case string:
		return String(x), nil
	case bool:
		return Bool(x), nil
	case json.Number:
		f, err := x.Float64()
		if err != nil {
			return Value{}, fmt.Errorf("number %s: %w", x, err)
		}
		return Number(f), nil
	case []any:
		vs := make([]Value, len(x))
		for i, e := range x {
			ev, err := fromJSON(e)
			if err != nil {
				return Value{}, err
			}
			vs[i] = ev
		}
		return List(vs...), nil
	case map[string]any:
		if s, ok := x["$ref"].(string); ok && len(x) == 1 {
			r, err := ParseRef(s)
			if err != nil {
				return Value{}, err
			}
			return Value{Kind: KindRef, Ref: &r}, nil
		}
		if parts, ok := x["$concat"].([]any); ok && len(x) == 1 {
			pv, err := fromJSON(parts)
			if err != nil {
				return Value{}, err
			}
			return Concat(pv.List...), nil
		}
		if text, ok := x["$base64"].(string); ok && len(x) == 1 {
			return Base64(text), nil
		}
		if inner, ok := x["$json"]; ok && len(x) == 1 {
			iv, err := fromJSON(inner)
			if err != nil {
				return Value{}, err
			}
			return JSON(iv), nil
		}
		m := make(map[string]Value, len(x))
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			ev, err := fromJSON(x[k])
			if err != nil {
				return Value{}, err
			}
			m[k] = ev
		}
		return Map(m), nil
	}
	return Value{}, fmt.Errorf("spec: unexpected JSON value %T", raw)
}

// ParseRef reads a reference in traversal syntax: "aws_vpc.main.id",
// "aws_subnet.private[0].id", "aws_subnet.private[*].id",
// "data.aws_ami.ubuntu.id".
func ParseRef(s string) (Ref, error) {
	bad := func() (Ref, error) { return Ref{}, fmt.Errorf("spec: malformed reference %q", s) }
	mode := Managed
	rest := s
	if len(rest) > 5 && rest[:5] == "data." {
		mode, rest = Data, rest[5:]
	}
	dot := indexByte(rest, '.')
	if dot <= 0 {
		return bad()
	}
	typ, rest := rest[:dot], rest[dot+1:]
	end := 0
	for end < len(rest) && rest[end] != '.' && rest[end] != '[' {
		end++
	}
	name, rest := rest[:end], rest[end:]
	idx := NoIndex
	if len(rest) > 0 && rest[0] == '[' {
		close := indexByte(rest, ']')
		if close < 0 {
			return bad()
		}
		in := rest[1:close]
		if in == "*" {
			idx = Splat
		} else {
			n, err := strconv.Atoi(in)
			if err != nil || n < 0 {
				return bad()
			}
			idx = n
		}
		rest = rest[close+1:]
	}
	if len(rest) < 2 || rest[0] != '.' {
		return bad()
	}
	r := Ref{To: Address{Mode: mode, Type: typ, Name: name}, Attr: rest[1:], Index: idx}
	if !identRe.MatchString(typ) || !identRe.MatchString(name) || !attrPathRe.MatchString(r.Attr) {
		return bad()
	}
	return r, nil
}

func indexByte(s string, c byte) int {
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			return i
		}
	}
	return -1
}

type jsonResource struct {
	Mode      string   `json:"mode,omitempty"`
	Type      string   `json:"type"`
	Name      string   `json:"name"`
	Count     int      `json:"count,omitempty"`
	Provider  string   `json:"provider,omitempty"`
	Attrs     []Attr   `json:"attrs,omitempty"`
	Blocks    []Block  `json:"blocks,omitempty"`
	DependsOn []string `json:"depends_on,omitempty"`
}

// MarshalJSON encodes a resource with its mode as "data" or omitted.
func (r Resource) MarshalJSON() ([]byte, error) {
	jr := jsonResource{Type: r.Type, Name: r.Name, Count: r.Count, Provider: r.Provider,
		Attrs: r.Body.Attrs, Blocks: r.Body.Blocks}
	if r.Mode == Data {
		jr.Mode = "data"
	}
	for _, d := range r.DependsOn {
		jr.DependsOn = append(jr.DependsOn, d.String())
	}
	return json.Marshal(jr)
}

// UnmarshalJSON decodes a resource.
func (r *Resource) UnmarshalJSON(b []byte) error {
	var jr jsonResource
	if err := json.Unmarshal(b, &jr); err != nil {
		return err
	}
	*r = Resource{Type: jr.Type, Name: jr.Name, Count: jr.Count, Provider: jr.Provider,
		Body: Body{Attrs: jr.Attrs, Blocks: jr.Blocks}}
	switch jr.Mode {
	case "", "managed":
	case "data":
		r.Mode = Data
	default:
		return fmt.Errorf("spec: resource %s.%s: unknown mode %q", jr.Type, jr.Name, jr.Mode)
	}
	for _, d := range jr.DependsOn {
		a, ok := ParseAddress(d)
		if !ok {
			return fmt.Errorf("spec: resource %s.%s: bad depends_on %q", jr.Type, jr.Name, d)
		}
		r.DependsOn = append(r.DependsOn, a)
	}
	return nil
}

// Attr and Block encode as {"name": ..., "value": ...} and
// {"type": ..., "attrs": [...], "blocks": [...]} so that order survives.

type jsonAttr struct {
	Name  string `json:"name"`
	Value Value  `json:"value"`
}

// MarshalJSON keeps attribute order explicit.
func (a Attr) MarshalJSON() ([]byte, error) { return json.Marshal(jsonAttr(a)) }

// UnmarshalJSON decodes an attribute.
func (a *Attr) UnmarshalJSON(b []byte) error {
	var ja jsonAttr
	if err := json.Unmarshal(b, &ja); err != nil {
		return err
	}
	*a = Attr(ja)
	return nil
}

type jsonBlock struct {
	Type   string  `json:"type"`
	Attrs  []Attr  `json:"attrs,omitempty"`
	Blocks []Block `json:"blocks,omitempty"`
}

// MarshalJSON encodes a nested block.
func (b Block) MarshalJSON() ([]byte, error) {
	return json.Marshal(jsonBlock{Type: b.Type, Attrs: b.Body.Attrs, Blocks: b.Body.Blocks})
}

// UnmarshalJSON decodes a nested block.
func (b *Block) UnmarshalJSON(data []byte) error {
	var jb jsonBlock
	if err := json.Unmarshal(data, &jb); err != nil {
		return err
	}
	*b = Block{Type: jb.Type, Body: Body{Attrs: jb.Attrs, Blocks: jb.Blocks}}
	return nil
}

// Clone returns a deep copy of the stack, so that an edit never changes the
// original.
func (s *Stack) Clone() *Stack {
	b, err := json.Marshal(s)
	if err != nil {
		panic("spec: clone: " + err.Error()) // every Stack value encodes
	}
	var c Stack
	if err := json.Unmarshal(b, &c); err != nil {
		panic("spec: clone: " + err.Error())
	}
	return &c
}
