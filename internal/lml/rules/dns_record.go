package rules

import (
	"net/netip"
	"strconv"
	"strings"
)

// recordAsk is one record set the prompt asks for.
type recordAsk struct {
	typ    string
	names  []string // relative ("www"), full, or "apex"
	values []string
	alias  bool
	at     int
}

// recordTypeAt returns the DNS record type named at token k, or "".
func recordTypeAt(t *Text, k int) string {
	if t.Raw(k) == "A" && (t.Is(k+1, "record", "records") || t.Is(k-1, "alias")) {
		return "A"
	}
	if t.Is(k, "alias") && t.Is(k+1, "record", "records") {
		return "A"
	}
	switch n := t.Norm(k); n {
	case "aaaa", "cname", "mx", "txt", "srv", "caa":
		return strings.ToUpper(n)
	case "ns":
		if t.Is(k+1, "record", "records") {
			return "NS"
		}
	}
	return ""
}

var pointWords = []string{"->", "pointing", "points", "point", "to", "at", "=", "resolving", "resolves", "targeting", "aliasing"}

// recordAsks reads the records: "an A record for www pointing to
// 198.51.100.10", "a CNAME blog.example.com -> example.github.io", "MX
// records pointing to mx1.example.net (priority 10)", "alias A records for
// the apex and www".
func recordAsks(c *Ctx, z *zoneRec) []recordAsk {
	t := c.T
	var out []recordAsk
	var at []int
	for k := 0; k < t.Len(); k++ {
		if recordTypeAt(t, k) != "" {
			at = append(at, k)
		}
	}
	for n, k := range at {
		end := min(t.Len(), k+16)
		if n+1 < len(at) {
			end = min(end, at[n+1])
		}
		r := recordAsk{typ: recordTypeAt(t, k), at: k, alias: t.Near(k, 2, "alias", "aliases") >= 0}
		c.Claim(k, k+1)
		b := k + 1
		for b < end && !t.Is(b, pointWords...) {
			b++
		}
		if b == end {
			b = k + 1 // "MX records 10 mx1.example.org": the values follow
			for b < end && t.Is(b, "record", "records", "for") {
				b++
			}
			if t.Is(k+1, "for") || t.Is(k+2, "for") {
				b = end
			}
		}
		r.names = recordNames(c, k+1, b)
		if r.typ == "CNAME" && len(r.names) == 0 {
			if d, ok := Nearest(t.Domains(), k-1, 2); ok && d.At < k {
				r.names = []string{d.Value}
			}
		}
		from := b
		if r.typ == "TXT" || r.typ == "CAA" || r.typ == "SRV" {
			from = k + 1 // quoted values may come before "at the apex"
		}
		r.values = recordValues(c, r.typ, from, end)
		out = append(out, r)
	}
	return out
}

// recordNames reads the names in [from, to): domains, "www", "apex".
func recordNames(c *Ctx, from, to int) []string {
	t := c.T
	var out []string
	for i := from; i < to; i++ {
		n := t.Norm(i)
		switch {
		case t.Is(i, "record", "records", "for", "the", "and", "a", "an", "both", "with", "of", "alias", "aliases", "zone", "its", "our"):
		case t.Is(i, "apex", "root", "naked", "bare") || n == "@":
			out = append(out, "apex")
		case isDomain(n) || isLabel(n):
			out = append(out, n)
			c.Claim(i, i+1)
		}
		if t.Toks[i].Break && i > from {
			break
		}
	}
	return out
}

func isLabel(s string) bool {
	if s == "" || len(s) > 63 {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
			return false
		}
	}
	return s != "-" && !isWordNumber(s) && len(s) <= 12 && s != "ttl" && s != "pointing"
}

func isWordNumber(s string) bool {
	_, err := strconv.Atoi(s)
	return err == nil
}

// recordValues reads the values from token from on: IPs for A/AAAA, host
// names for CNAME, "priority host" for MX, a quoted text for TXT.
func recordValues(c *Ctx, typ string, from, to int) []string {
	t := c.T
	var out []string
	for i := from; i < to; i++ {
		raw, n := t.Raw(i), t.Norm(i)
		switch typ {
		case "A":
			if ip, ok := Nearest(t.IPs(), i, 0); ok {
				out = append(out, ip.Value)
				c.Claim(i, i+1)
			}
		case "AAAA":
			if a, err := netip.ParseAddr(n); err == nil && a.Is6() {
				out = append(out, a.String())
				c.Claim(i, i+1)
			}
		case "CNAME", "NS":
			if isDomain(n) || strings.Count(n, ".") >= 1 && isHostName(n) {
				out = append(out, n)
				c.Claim(i, i+1)
			}
		case "MX":
			if isHostName(n) && strings.Contains(n, ".") {
				out = append(out, strconv.Itoa(mxPriority(t, i, len(out)))+" "+n)
				c.Claim(i, i+1)
			}
		case "TXT", "CAA", "SRV":
			if t.Toks[i].Quoted {
				j := i + 1
				if q, n := t.quotedRun(i); n > 1 {
					raw, j = q, i+n
				} else {
					for j < to && t.Toks[j].Quoted && !strings.ContainsAny(t.Raw(j-1), "\"'") {
						raw += " " + t.Raw(j)
						j++
					}
				}
				out = append(out, raw)
				i = j - 1
			}
		}
	}
	return out
}

func isHostName(s string) bool {
	for _, l := range strings.Split(s, ".") {
		if l == "" || !isLabelChars(l) {
			return false
		}
	}
	return !isCIDRLike(s) && strings.IndexFunc(s, func(r rune) bool { return r >= 'a' && r <= 'z' }) >= 0
}

func isLabelChars(l string) bool {
	for _, r := range l {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
			return false
		}
	}
	return true
}

// mxPriority reads "mx1.example.net (priority 10)" or "10 mx1.example.net".
func mxPriority(t *Text, i, nth int) int {
	if k := t.Find(i+1, "priority", "pri", "preference"); k >= 0 && k <= i+2 {
		if n, _, ok := t.NumberNear(k, 1); ok {
			return n
		}
	}
	if n, ok := t.Number(i-1, true); ok && !t.Is(i-2, "priority") {
		return int(n)
	}
	return 10 * (nth + 1)
}

// quotedRun reads a double-quoted phrase of several words that opens at
// token i ("v=spf1 include:_spf.google.com ~all") and how many tokens it
// spans; n is 0 when no such phrase opens there.
func (t *Text) quotedRun(i int) (string, int) {
	for _, open := range []string{"\"", "“"} {
		closeQ := map[string]string{"\"": "\"", "“": "”"}[open]
		at := strings.Index(t.Prompt, open+t.Raw(i))
		if at < 0 {
			continue
		}
		rest := t.Prompt[at+len(open):]
		end := strings.Index(rest, closeQ)
		if end < 0 {
			continue
		}
		phrase := rest[:end]
		return phrase, len(strings.Fields(phrase))
	}
	return "", 0
}
