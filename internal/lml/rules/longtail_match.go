package rules

import (
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
		if c.Claimed(w.at) || !ltContains(t.own, w.word) || (strong && weakWords[w.word]) {
			continue
		}
		cl, ok := ltCluster(words, t.own, req, w.at, strong)
		if ok && (best.typ == nil || len(cl) > len(best.cluster)) {
			best = ltMatch{typ: t, cluster: cl, score: len(cl) + len(t.words) - len(t.own)}
		}
	}
	if best.typ == nil {
		return ltMatch{}, false
	}
	for _, at := range best.cluster {
		if !c.Claimed(at) && (!strong || !weakWords[c.T.Norm(at)]) {
			best.anchors = append(best.anchors, at)
		}
	}
	return best, len(best.anchors) > 0
}

// ltCluster picks, for every own word, the token nearest to the anchor, and
// checks that they stand close: within two tokens per word, or side by side
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
	limit := 2*len(req) + 1
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
