package rules

import (
	"regexp"
	"slices"
	"strings"
)

func splitFields(s string) []string { return strings.Fields(s) }

// span returns the raw tokens [from, to) joined by spaces.
func (t *Text) span(from, to int) string {
	var parts []string
	for i := max(from, 0); i < to && i < t.Len(); i++ {
		parts = append(parts, t.Toks[i].Raw)
	}
	return strings.Join(parts, " ")
}

// Span returns the raw words [from, to) as the user wrote them.
func (t *Text) Span(from, to int) string { return t.span(from, to) }

var (
	emailRe = regexp.MustCompile(`^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$`)
	arnRe   = regexp.MustCompile(`^arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:\d{0,12}:\S+$`)
	urlRe   = regexp.MustCompile(`^https?://[A-Za-z0-9.-]+(:\d+)?(/\S*)?$`)
	kvRe    = regexp.MustCompile(`^([A-Za-z][A-Za-z0-9_.:/-]{0,127})=([^=\s]{0,255})$`)
	// domainRe matches host names such as example.com, app.example.co.uk or
	// shop.example.sg: a generic top-level domain people use, or any
	// two-letter country code that is not also a file extension ("main.py").
	domainRe = regexp.MustCompile(`^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+(com|org|net|io|dev|app|info|biz|cloud|ai|corp|internal|local|example|test|shop|store|tech|online|site|xyz|gov|edu|int|mil|page|blog|news|studio|agency|[a-z]{2})$`)
	// fileExtensions are two-letter endings that read as files, not domains.
	fileExtensions = []string{"py", "js", "ts", "go", "rb", "sh", "md", "tf", "pl", "ps", "cs", "rs", "kt", "gz", "db", "so", "hs", "jl", "ex", "vb", "mk", "el"}
)

// isDomain reports whether a lower-cased word is a host name.
func isDomain(n string) bool {
	if !domainRe.MatchString(n) || instanceTypeRe.MatchString(n) {
		return false
	}
	return !slices.Contains(fileExtensions, n[strings.LastIndex(n, ".")+1:])
}

// Emails returns every e-mail address.
func (t *Text) Emails() []Located[string] { return t.matching(emailRe) }

// ARNs returns every ARN.
func (t *Text) ARNs() []Located[string] { return t.matching(arnRe) }

// URLs returns every http(s) URL.
func (t *Text) URLs() []Located[string] { return t.matching(urlRe) }

// Domains returns every bare domain name (not e-mail addresses, URLs or
// dotted AWS words such as t3.large).
func (t *Text) Domains() []Located[string] {
	var out []Located[string]
	for i, tok := range t.Toks {
		if isDomain(tok.Norm) {
			out = append(out, Located[string]{At: i, Value: tok.Norm})
		}
	}
	return out
}

func (t *Text) matching(re *regexp.Regexp) []Located[string] {
	var out []Located[string]
	for i, tok := range t.Toks {
		if re.MatchString(tok.Raw) {
			out = append(out, Located[string]{At: i, Value: tok.Raw})
		}
	}
	return out
}

// KeyValue is a key=value pair as users write tags and variables.
type KeyValue struct{ Key, Value string }

// KeyValues returns every key=value token, with its index.
func (t *Text) KeyValues() []Located[KeyValue] {
	var out []Located[KeyValue]
	for i, tok := range t.Toks {
		if m := kvRe.FindStringSubmatch(tok.Raw); m != nil {
			out = append(out, Located[KeyValue]{At: i, Value: KeyValue{Key: m[1], Value: m[2]}})
		}
	}
	return out
}

// NameAfter returns a name the user gave with "called X", "named X",
// "name X", or a quoted word, looking from token i onward within limit
// tokens. The name is the raw word.
func (t *Text) NameAfter(i, limit int) (string, int, bool) {
	for k := max(i, 0); k < t.Len() && k <= i+limit; k++ {
		if t.Is(k, "called", "named", "name") && k+1 < t.Len() && !t.Is(k+1, "a", "an", "the") {
			return t.Raw(k + 1), k + 1, true
		}
		if t.Toks[k].Quoted {
			return t.Raw(k), k, true
		}
	}
	return "", -1, false
}

var instanceTypeRe = regexp.MustCompile(`^(db\.|cache\.)?[a-z][a-z0-9-]*\d[a-z0-9-]*\.(nano|micro|small|medium|large|[0-9]*xlarge|metal(-\d+xl)?)$`)

// InstanceTypes returns every EC2, RDS (db.) or ElastiCache (cache.) class
// named in the text, e.g. "t3.large", "db.t3.micro", "cache.r6g.large".
func (t *Text) InstanceTypes() []Located[string] {
	var out []Located[string]
	for i, tok := range t.Toks {
		if instanceTypeRe.MatchString(tok.Norm) {
			out = append(out, Located[string]{At: i, Value: tok.Norm})
		}
	}
	return out
}

// ClassesWithPrefix filters InstanceTypes by prefix: "db.", "cache." or ""
// for plain EC2 types.
func (t *Text) ClassesWithPrefix(prefix string) []Located[string] {
	var out []Located[string]
	for _, it := range t.InstanceTypes() {
		p := ""
		if strings.HasPrefix(it.Value, "db.") {
			p = "db."
		} else if strings.HasPrefix(it.Value, "cache.") {
			p = "cache."
		}
		if p == prefix {
			out = append(out, it)
		}
	}
	return out
}
