package rules

import (
	"slices"
	"sort"
	"strings"
)

// ltWord is one canonical word of the request and the token it came from.
type ltWord struct {
	at   int
	word string
}

// ltMatch is a resource type the request names, with the tokens that name
// it.
type ltMatch struct {
	typ     *ltType
	score   int   // words of the type's name found in the request
	cluster []int // tokens of the type's own words
	anchors []int // unclaimed tokens among them that name it distinctively
}

// requestWords reads the request as canonical type words. Words joined by
// "-" or "_" count one by one ("egress-only", "aws_route53_zone"), and
// "route 53" is "route53".
func (c *Ctx) requestWords(idx *ltIndex) []ltWord {
	var out []ltWord
	for i := 0; i < c.T.Len(); i++ {
		n := c.T.Norm(i)
		if ltDigits(c.T.Norm(i+1)) && isWord(n) && idx.byWord[n+c.T.Norm(i+1)] != nil {
			out = append(out, ltWord{i, n + c.T.Norm(i+1)})
			continue
		}
		for _, part := range strings.FieldsFunc(n, func(r rune) bool { return r == '-' || r == '_' }) {
			out = append(out, ltWord{i, idx.typeWord(part)})
		}
	}
	return out
}

func ltDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// longTailMatches returns the types the request names, best first: those
// whose name's words it holds most completely.
func (c *Ctx) longTailMatches(idx *ltIndex, words []ltWord) []ltMatch {
	cands := map[int]bool{}
	for _, w := range words {
		if c.Claimed(w.at) {
			continue
		}
		for _, ti := range idx.byWord[w.word] {
			if len(idx.types[ti].words) > 1 {
				cands[ti] = true
			}
		}
	}
	var out []ltMatch
	for ti := range cands {
		if m, ok := c.matchType(idx, &idx.types[ti], words); ok {
			out = append(out, m)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].score != out[j].score {
			return out[i].score > out[j].score
		}
		if len(out[i].typ.words) != len(out[j].typ.words) {
			return len(out[i].typ.words) < len(out[j].typ.words)
		}
		return out[i].typ.name < out[j].typ.name
	})
	return out
}

// matchType checks that the request holds every required word of t's own
// part close together around an unclaimed distinctive word, and its
// parent's words anywhere (or the parent is already in the stack).
func (c *Ctx) matchType(idx *ltIndex, t *ltType, words []ltWord) (ltMatch, bool) {
	parentOK := t.parent == "" || c.First(t.parent) != nil || ltHasAll(words, idx.types[idx.byName[t.parent]].words)
	if !parentOK {
		return ltMatch{}, false
	}
	var req []string
	for i, w := range t.own {
		if !optionalWords[w] || t.parent == "" && i == 0 {
			req = append(req, w)
		}
	}
	if len(req) == 0 {
		return ltMatch{}, false
	}
	strong := ltHasStrong(t.own)
	best := ltMatch{}
	for _, w := range words {
		if !c.anchors(idx, t, w, strong) {
			continue
		}
		cl, ok := ltCluster(words, t.own, req, w.at, strong)
		if ok && c.enoughWords(t, words, req, cl) && (best.typ == nil || len(cl) > len(best.cluster)) {
			best = ltMatch{typ: t, cluster: cl, score: len(cl) + len(t.words) - len(t.own)}
		}
	}
	if best.typ == nil {
		return ltMatch{}, false
	}
	for _, w := range words {
		if slices.Contains(best.cluster, w.at) && c.anchors(idx, t, w, strong) {
			best.anchors = append(best.anchors, w.at)
		}
	}
	return best, len(best.anchors) > 0
}

// anchors reports whether request word w may anchor type t: an unclaimed
// word of t's own part, distinctive unless the whole type name stands
// there as a phrase ("ElastiCache user"), and not a modifier of words a
// family used ("block public ACLs" is the bucket's access block, not an
// ACL), nor negated.
func (c *Ctx) anchors(idx *ltIndex, t *ltType, w ltWord, strong bool) bool {
	if c.Claimed(w.at) || !ltContains(t.own, w.word) {
		return false
	}
	if (!strong || weakWords[w.word]) && !c.namePhraseAt(idx, t, w) {
		return false
	}
	for k := w.at - 1; k >= 0 && k >= w.at-3 && !c.T.Toks[k].Break; k-- {
		if negators[c.T.Norm(k)] {
			return false
		}
	}
	return !c.Claimed(w.at-1) || ltContains(t.words, idx.typeWord(c.T.Norm(w.at-1)))
}

// negators before a mention say the request does not want the thing:
// "block public ACLs", "without a NAT gateway", or that it exists already:
// "the VPC's main route table".
var negators = map[string]bool{"block": true, "blocks": true, "no": true, "not": true, "without": true,
	"deny": true, "denies": true, "prevent": true, "prevents": true, "disallow": true, "except": true,
	"skip": true, "skips": true, "skipping": true, "main": true, "existing": true, "default": true}

// namePhraseAt reports whether t's name words stand in order, side by side,
// around w.
func (c *Ctx) namePhraseAt(idx *ltIndex, t *ltType, w ltWord) bool {
	for j, tw := range t.words {
		if tw != w.word {
			continue
		}
		ok := true
		for k := range t.words {
			ok = ok && idx.typeWord(c.T.Norm(w.at-j+k)) == t.words[k]
		}
		if ok {
			return true
		}
	}
	return false
}

// ltCluster picks, for every own word, the token nearest to the anchor, and
// checks that they stand close: one word apart at most, or side by side
// in order when the type's words are all common ones.
func ltCluster(words []ltWord, own, req []string, anchor int, strong bool) ([]int, bool) {
	var at []int
	lo, hi := anchor, anchor
	for _, w := range own {
		k := ltNearest(words, w, anchor)
		if k < 0 {
			if ltContains(req, w) {
				return nil, false
			}
			continue
		}
		at = append(at, k)
		lo, hi = min(lo, k), max(hi, k)
	}
	limit := len(req) + 1
	if !strong {
		limit = len(at) - 1
	}
	return at, hi-lo <= limit
}

func ltNearest(words []ltWord, word string, anchor int) int {
	best := -1
	for _, w := range words {
		if w.word == word && (best < 0 || ltAbs(w.at-anchor) < ltAbs(best-anchor)) {
			best = w.at
		}
	}
	return best
}

func ltAbs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

func ltHasAll(words []ltWord, want []string) bool {
	for _, w := range want {
		if ltNearest(words, w, 0) < 0 {
			return false
		}
	}
	return true
}

func ltHasStrong(ws []string) bool {
	for _, w := range ws {
		if !weakWords[w] {
			return true
		}
	}
	return false
}

func ltContains(ws []string, w string) bool {
	for _, x := range ws {
		if x == w {
			return true
		}
	}
	return false
}

// enoughWords guards against one common word naming a type: at most one
// optional word may be missing ("Launch" is no launch configuration); a
// type without a parent needs two distinctive words or its whole name side
// by side ("ElastiCache user"); a type whose own part
// is one word needs it next to its parent's words or to "resource"
// ("bucket metric", "S3 object resource", not "objects expire").
func (c *Ctx) enoughWords(t *ltType, words []ltWord, req []string, cl []int) bool {
	if len(t.own)-len(cl) > 1 {
		return false
	}
	if t.parent == "" {
		strong := map[string]bool{}
		for _, w := range words {
			if slices.Contains(cl, w.at) && ltContains(t.own, w.word) && !weakWords[w.word] {
				strong[w.word] = true
			}
		}
		strongN := len(strong)
		return strongN >= 2 || len(t.own) == 1 || len(cl) == len(t.own) && slices.Max(cl)-slices.Min(cl) == len(cl)-1
	}
	if len(req) > 1 {
		return true
	}
	at := cl[0]
	for _, k := range cl {
		if !optionalWords[canonicalWord(c.T.Norm(k))] {
			at = k
		}
	}
	pw := t.words[:len(t.words)-len(t.own)]
	return ltContains(pw, canonicalWord(c.T.Norm(at-1))) || c.T.Is(at+1, "resource", "configuration", "config")
}
