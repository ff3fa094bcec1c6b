package rules

import (
	"strconv"
	"strings"

	"github.com/zclconf/go-cty/cty"

	"github.com/syncloud/syncloud/internal/providerschema"
	"github.com/syncloud/syncloud/internal/spec"
)

// Literal values a request gives for a long-tail type's arguments: the
// argument written out ("enable_sip_logs disabled", "name = demo"), a URL
// for a *_url argument, an AWS account ID, or a number next to the
// argument's distinctive word ("retention period of 5 hours" for
// data_retention).

// argFillers are words in argument names that say nothing on their own.
var argFillers = map[string]bool{"enable": true, "enabled": true, "is": true, "in": true, "gb": true,
	"days": true, "hours": true, "minutes": true, "seconds": true, "size": true, "count": true,
	"number": true, "period": true, "id": true, "arn": true, "name": true, "type": true, "mode": true}

// promptValue returns the value the request gives for argument an.
func (c *Ctx) promptValue(t *ltType, an string, a *providerschema.Attribute) (spec.Value, string, bool) {
	if v, ok := c.literalArg(an, a.Type); ok {
		return v, "as the request sets it", true
	}
	switch {
	case a.Type == cty.String && (an == "url" || strings.HasSuffix(an, "_url")):
		if us := c.T.URLs(); len(us) > 0 {
			return spec.String(us[0].Value), "the URL the request gives", true
		}
	case a.Type == cty.String && (an == "account" || an == "account_id"):
		for i := 0; i < c.T.Len(); i++ {
			if n := c.T.Norm(i); len(n) == 12 && ltDigits(n) {
				return spec.String(n), "the account the request names", true
			}
		}
	case a.Type == cty.Number && strings.HasSuffix(an, "gb"):
		if ss := c.T.Sizes(); len(ss) > 0 && ss[0].Value.GB() > 0 {
			return spec.Int(ss[0].Value.GB()), "the size the request gives", true
		}
	case a.Type == cty.Number:
		if n, ok := c.numberForArg(an); ok {
			return spec.Int(n), "the number the request gives", true
		}
	}
	return spec.Value{}, "", false
}

// argWords returns the distinctive words of an argument name.
func argWords(an string) []string {
	var out []string
	for _, w := range strings.Split(an, "_") {
		if !argFillers[w] && len(w) >= 3 {
			out = append(out, w)
		}
	}
	return out
}

// numberForArg finds a whole number within four tokens after a word of the
// argument's name.
func (c *Ctx) numberForArg(an string) (int, bool) {
	ws := argWords(an)
	if len(ws) == 0 {
		return 0, false
	}
	for i := 0; i < c.T.Len(); i++ {
		if !c.T.Is(i, ws...) || len(c.T.Norm(i)) < 5 {
			continue
		}
		for k := i + 1; k <= i+4 && k < c.T.Len() && !c.T.Toks[k-1].Break; k++ {
			if n, ok := c.T.Number(k, true); ok && n == float64(int(n)) && n > 0 {
				return int(n), true
			}
		}
	}
	return 0, false
}

// literalArg reads an argument the request writes by its own name:
// "enable_media_metric_logs enabled", "force_destroy = true".
func (c *Ctx) literalArg(an string, ty cty.Type) (spec.Value, bool) {
	if !strings.Contains(an, "_") {
		return spec.Value{}, false
	}
	for i := 0; i < c.T.Len(); i++ {
		if c.T.Norm(i) != an {
			continue
		}
		k := i + 1
		for c.T.Is(k, "=", "to", "as", "of", "set", "is", "be") {
			k++
		}
		if v, ok := c.literalAt(k, ty); ok {
			c.Claim(i, k+1)
			return v, true
		}
	}
	return spec.Value{}, false
}

func (c *Ctx) literalAt(k int, ty cty.Type) (spec.Value, bool) {
	switch ty {
	case cty.Bool:
		return boolWord(c.T.Norm(k))
	case cty.Number:
		if n, ok := c.T.Number(k, true); ok && n == float64(int(n)) {
			return spec.Int(int(n)), true
		}
	case cty.String:
		if raw := c.T.Raw(k); raw != "" {
			return spec.String(raw), true
		}
	}
	return spec.Value{}, false
}

func boolWord(w string) (spec.Value, bool) {
	switch w {
	case "true", "enabled", "enable", "on", "yes":
		return spec.Bool(true), true
	case "false", "disabled", "disable", "off", "no":
		return spec.Bool(false), true
	}
	return spec.Value{}, false
}

// fillOptional sets optional top-level arguments the request gives a value
// for: written out by name, or a flag whose words stand next to "enabled" or
// "disabled" ("with auto snapshots enabled").
func (f *filler) fillOptional(b *spec.Body, schema *providerschema.Block) {
	for _, an := range schema.AttributeNames() {
		a := schema.Attributes[an]
		if a.Required || !a.Optional || b.Has(an) || an == "tags" || an == "tags_all" {
			continue
		}
		if v, ok := f.c.literalArg(an, a.Type); ok {
			b.Set(an, v)
			f.assume("."+an, "set as the request writes it")
			continue
		}
		if a.Type == cty.Bool {
			if v, ok := f.c.flagFor(an); ok {
				b.Set(an, spec.Bool(v))
				f.assume("."+an, "%s, as the request asks", strconv.FormatBool(v))
			}
		}
	}
}

// flagFor reads a boolean argument from its words next to "enabled" or
// "disabled": "auto snapshots enabled" -> auto_snapshot... = true.
func (c *Ctx) flagFor(an string) (bool, bool) {
	ws := argWords(an)
	if len(ws) == 0 {
		return false, false
	}
	at := c.T.Phrase(0, strings.Join(ws, " "))
	if at < 0 {
		return false, false
	}
	end := at + len(ws)
	for _, k := range []int{end, at - 1, end + 1} {
		if v, ok := boolWord(c.T.Norm(k)); ok && c.T.Norm(k) != "no" && c.T.Norm(k) != "on" {
			return v.Bool, true
		}
	}
	if c.T.Is(at-1, "with") || c.T.Is(at-1, "enable") {
		return true, true
	}
	return false, false
}

// enumFromPrompt returns the choice of an enumerated argument whose words
// the request holds, the longest such choice first.
func (c *Ctx) enumFromPrompt(key string) (spec.Value, bool) {
	best, bestLen := "", 0
	for _, choice := range enumChoices[key] {
		ws := choiceWords(choice)
		if len(ws) > bestLen && c.T.Phrase(0, strings.Join(ws, " ")) >= 0 {
			best, bestLen = choice, len(ws)
		}
	}
	return spec.String(best), best != ""
}

// choiceWords splits an enum value into the words a user writes:
// "BucketOwnerPreferred" -> bucket owner preferred, "ubuntu_22_04" ->
// ubuntu 22 04, "ra3.large" -> ra3.large.
func choiceWords(v string) []string {
	if strings.Contains(v, ".") {
		return []string{v}
	}
	var ws []string
	var cur []rune
	for _, r := range v {
		switch {
		case r == '_' || r == '-':
			ws, cur = appendWord(ws, cur), nil
		case r >= 'A' && r <= 'Z' && len(cur) > 0:
			ws, cur = appendWord(ws, cur), []rune{r + 'a' - 'A'}
		default:
			cur = append(cur, []rune(strings.ToLower(string(r)))...)
		}
	}
	return appendWord(ws, cur)
}

func appendWord(ws []string, cur []rune) []string {
	if len(cur) == 0 || len(ws) > 0 && len(cur) < 3 && ltDigits(string(cur)) && ltDigits(ws[len(ws)-1]) {
		if len(cur) > 0 {
			ws[len(ws)-1] += "." + string(cur)
		}
		return ws
	}
	return append(ws, string(cur))
}
