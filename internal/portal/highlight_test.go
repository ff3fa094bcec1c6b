package portal

import (
	"html"
	"regexp"
	"strings"
	"testing"
)

// TestHighlightEscapes: whatever a file holds, the marked-up code is only
// our spans around escaped text, and reads back as the file.
func TestHighlightEscapes(t *testing.T) {
	spans := regexp.MustCompile(`</?span( class="[a-z0-9]+")?>`)
	for _, c := range []struct{ name, code string }{
		{"main.tf", "resource \"aws_s3_bucket\" \"x\" {\n  bucket = \"</code><script>alert(1)</script>\"\n}\n"},
		{"main.tf.json", `{"resource": {"a": "<img src=x onerror=alert(1)>"}}`},
		{"template.json", "not json at all <b>"},
	} {
		got := string(highlight(c.name, c.code))
		rest := spans.ReplaceAllString(got, "")
		if strings.ContainsAny(rest, "<>") {
			t.Errorf("%s: markup other than spans: %s", c.name, got)
		}
		if html.UnescapeString(rest) != c.code {
			t.Errorf("%s: text changed:\n%s", c.name, html.UnescapeString(rest))
		}
	}
}
