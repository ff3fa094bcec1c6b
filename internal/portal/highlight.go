package portal

import (
	"bytes"
	"html/template"
	"path"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
)

// codeFormatter writes tokens as spans with classes (no inline styles, so
// the CSP holds); static/highlight.css colours them.
var codeFormatter = chromahtml.New(chromahtml.WithClasses(true), chromahtml.PreventSurroundingPre(true))

// highlight returns code as HTML with its tokens marked for syntax
// colouring: Terraform (.tf) with the HCL lexer, JSON (.tf.json and
// CloudFormation templates) with the JSON one. chroma escapes every
// token's text; a file it cannot lex is shown escaped and plain.
func highlight(name, code string) template.HTML {
	lexer := lexers.Get("terraform")
	if path.Ext(name) == ".json" {
		lexer = lexers.Get("json")
	}
	if lexer == nil {
		return template.HTML(template.HTMLEscapeString(code))
	}
	it, err := chroma.Coalesce(lexer).Tokenise(nil, code)
	if err != nil {
		return template.HTML(template.HTMLEscapeString(code))
	}
	var b bytes.Buffer
	if err := codeFormatter.Format(&b, styles.Fallback, it); err != nil {
		return template.HTML(template.HTMLEscapeString(code))
	}
	return template.HTML(b.String()) // built by chroma from escaped token text
}
