package terraform

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/zclconf/go-cty/cty"

	"github.com/syncloud/syncloud/internal/spec"
)

// valueTokens returns the native-syntax expression for a value. Literals go
// through hclwrite, which quotes and escapes them; only references,
// jsonencode and base64encode become expressions.
func valueTokens(v spec.Value) (hclwrite.Tokens, error) {
	switch v.Kind {
	case spec.KindNull:
		return hclwrite.TokensForValue(cty.NullVal(cty.DynamicPseudoType)), nil
	case spec.KindString:
		return hclwrite.TokensForValue(cty.StringVal(v.Str)), nil
	case spec.KindNumber:
		return hclwrite.TokensForValue(cty.NumberFloatVal(v.Num)), nil
	case spec.KindBool:
		return hclwrite.TokensForValue(cty.BoolVal(v.Bool)), nil
	case spec.KindList:
		return listTokens(v.List)
	case spec.KindMap:
		return mapTokens(v.Map)
	case spec.KindRef:
		return refTokens(v.Ref)
	case spec.KindConcat:
		return concatTokens(v.List)
	case spec.KindBase64:
		return hclwrite.TokensForFunctionCall("base64encode", hclwrite.TokensForValue(cty.StringVal(v.Str))), nil
	case spec.KindJSON:
		if len(v.JSON) != 1 {
			return nil, fmt.Errorf("a JSON value holds %d values, want 1", len(v.JSON))
		}
		inner, err := valueTokens(v.JSON[0])
		if err != nil {
			return nil, err
		}
		return hclwrite.TokensForFunctionCall("jsonencode", inner), nil
	}
	return nil, fmt.Errorf("cannot render a value of kind %s", v.Kind)
}

func listTokens(vs []spec.Value) (hclwrite.Tokens, error) {
	elems := make([]hclwrite.Tokens, len(vs))
	for i, e := range vs {
		t, err := valueTokens(e)
		if err != nil {
			return nil, err
		}
		elems[i] = t
	}
	return hclwrite.TokensForTuple(elems), nil
}

func mapTokens(es []spec.Entry) (hclwrite.Tokens, error) {
	attrs := make([]hclwrite.ObjectAttrTokens, len(es))
	for i, e := range es {
		val, err := valueTokens(e.Value)
		if err != nil {
			return nil, err
		}
		attrs[i] = hclwrite.ObjectAttrTokens{Name: keyTokens(e.Key), Value: val}
	}
	return hclwrite.TokensForObject(attrs), nil
}

// keywords would not read as a plain object key: `{ for = 1 }` starts a for
// expression, and null, true and false are literals.
var keywords = map[string]bool{"for": true, "in": true, "if": true, "null": true, "true": true, "false": true}

// keyTokens writes an object key bare when it is a plain identifier and as
// a quoted, escaped string otherwise.
func keyTokens(k string) hclwrite.Tokens {
	if hclsyntax.ValidIdentifier(k) && !keywords[k] {
		return hclwrite.TokensForIdentifier(k)
	}
	return hclwrite.TokensForValue(cty.StringVal(k))
}

// refTokens writes a reference as a traversal: aws_vpc.main.id,
// aws_subnet.a[0].id, aws_subnet.a[*].id, data.aws_ami.ubuntu.image_id.
// Every name in it is checked to be an identifier.
func refTokens(r *spec.Ref) (hclwrite.Tokens, error) {
	var t tokens
	if r.To.Mode == spec.Data {
		t.ident("data").dot()
	}
	if !identRe.MatchString(r.To.Type) || !identRe.MatchString(r.To.Name) {
		return nil, fmt.Errorf("reference to %q: not an address", r.To)
	}
	t.ident(r.To.Type).dot().ident(r.To.Name)
	switch {
	case r.Index == spec.Splat:
		t.bracket(&hclwrite.Token{Type: hclsyntax.TokenStar, Bytes: []byte("*")})
	case r.Index >= 0:
		t.bracket(numberToken(r.Index))
	case r.Index != spec.NoIndex:
		return nil, fmt.Errorf("reference %s: bad index %d", r.To, r.Index)
	}
	for _, step := range strings.Split(r.Attr, ".") {
		switch {
		case identRe.MatchString(step):
			t.dot().ident(step)
		case indexRe.MatchString(step):
			n, err := strconv.Atoi(step)
			if err != nil {
				return nil, fmt.Errorf("reference %s: index %q: %w", r.To, step, err)
			}
			t.bracket(numberToken(n))
		default:
			return nil, fmt.Errorf("reference %s: %q is not an attribute path", r.To, r.Attr)
		}
	}
	return t.toks, nil
}

// addrTokens writes an address as a traversal, for depends_on.
func addrTokens(a spec.Address) (hclwrite.Tokens, error) {
	if !identRe.MatchString(a.Type) || !identRe.MatchString(a.Name) {
		return nil, fmt.Errorf("%q is not an address", a)
	}
	var t tokens
	if a.Mode == spec.Data {
		t.ident("data").dot()
	}
	return t.ident(a.Type).dot().ident(a.Name).toks, nil
}

// tokens builds a traversal one token at a time.
type tokens struct{ toks hclwrite.Tokens }

func (t *tokens) ident(name string) *tokens {
	t.toks = append(t.toks, &hclwrite.Token{Type: hclsyntax.TokenIdent, Bytes: []byte(name)})
	return t
}

func (t *tokens) dot() *tokens {
	t.toks = append(t.toks, &hclwrite.Token{Type: hclsyntax.TokenDot, Bytes: []byte(".")})
	return t
}

func (t *tokens) bracket(inner *hclwrite.Token) *tokens {
	t.toks = append(t.toks, &hclwrite.Token{Type: hclsyntax.TokenOBrack, Bytes: []byte("[")}, inner,
		&hclwrite.Token{Type: hclsyntax.TokenCBrack, Bytes: []byte("]")})
	return t
}

func numberToken(n int) *hclwrite.Token {
	return &hclwrite.Token{Type: hclsyntax.TokenNumberLit, Bytes: []byte(strconv.Itoa(n))}
}

// concatTokens writes a string template: literal parts escaped exactly as
// hclwrite escapes a quoted string, references as ${traversal}.
func concatTokens(parts []spec.Value) (hclwrite.Tokens, error) {
	out := hclwrite.Tokens{{Type: hclsyntax.TokenOQuote, Bytes: []byte(`"`)}}
	for _, p := range parts {
		switch p.Kind {
		case spec.KindString:
			lit := hclwrite.TokensForValue(cty.StringVal(p.Str))
			out = append(out, lit[1:len(lit)-1]...) // drop the quotes
		case spec.KindRef:
			ref, err := refTokens(p.Ref)
			if err != nil {
				return nil, err
			}
			out = append(out, &hclwrite.Token{Type: hclsyntax.TokenTemplateInterp, Bytes: []byte("${")})
			out = append(out, ref...)
			out = append(out, &hclwrite.Token{Type: hclsyntax.TokenTemplateSeqEnd, Bytes: []byte("}")})
		default:
			return nil, fmt.Errorf("a concatenation cannot hold a %s", p.Kind)
		}
	}
	return append(out, &hclwrite.Token{Type: hclsyntax.TokenCQuote, Bytes: []byte(`"`)}), nil
}
