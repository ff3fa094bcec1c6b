package rules

import (
	"strings"
	"unicode"
)

// Token is one word of a prompt. Raw keeps the user's spelling (for names,
// keys and values); Norm is lower-cased with surrounding punctuation removed,
// which is what matching looks at.
type Token struct {
	Raw    string
	Norm   string
	Quoted bool // the word stood inside quotes
	// Break is true when a clause boundary (",", ";", ".", ":", ")" or
	// "—") follows the token.
	Break bool
}

// Text is a tokenized prompt.
type Text struct {
	Prompt string
	Toks   []Token
}

// dashes that users type as clause separators.
var dashes = strings.NewReplacer("—", " — ", "–", " — ", "->", " -> ", "→", " -> ")

// Tokenize splits a prompt into tokens. Words keep inner punctuation
// ("t3.large", "10.0.0.0/16", "ops@example.com", "Name=bastion"), and lose
// the punctuation around them.
func Tokenize(prompt string) *Text {
	t := &Text{Prompt: prompt}
	for _, f := range strings.Fields(dashes.Replace(prompt)) {
		if f == "—" || f == "-" || f == "--" { // "six subnets - three public, three private"
			t.markBreak()
			continue
		}
		raw, quoted, brk := trimWord(f)
		if raw == "" {
			if brk {
				t.markBreak()
			}
			continue
		}
		if engine, version, ok := splitEngineVersion(raw); ok && !quoted {
			t.Toks = append(t.Toks, Token{Raw: engine, Norm: engine}, Token{Raw: version, Norm: version, Break: brk})
			continue
		}
		t.Toks = append(t.Toks, Token{Raw: raw, Norm: strings.ToLower(raw), Quoted: quoted, Break: brk})
	}
	return t
}

func (t *Text) markBreak() {
	if n := len(t.Toks); n > 0 {
		t.Toks[n-1].Break = true
	}
}

const openers = "(['\"`“‘{"
const closers = ")]'\"`”’},;:!?"

// trimWord strips the punctuation around a word and reports whether it was
// quoted and whether a clause boundary follows it.
func trimWord(f string) (word string, quoted, brk bool) {
	for f != "" && strings.ContainsRune(openers, rune(f[0])) {
		if strings.ContainsRune("'\"`", rune(f[0])) {
			quoted = true
		}
		f = f[1:]
	}
	for strings.HasPrefix(f, "“") || strings.HasPrefix(f, "‘") {
		quoted = true
		f = f[len("“"):]
	}
	for f != "" {
		r := lastRune(f)
		switch {
		case strings.ContainsRune(closers, r):
			if strings.ContainsRune("'\"`”’", r) {
				quoted = true
			}
			if strings.ContainsRune(",;:)", r) {
				brk = true
			}
		case r == '.' && !strings.HasSuffix(f, ".."):
			brk = true
		default:
			return f, quoted, brk
		}
		f = f[:len(f)-len(string(r))]
	}
	return "", quoted, brk
}

func lastRune(s string) rune {
	r := []rune(s)
	return r[len(r)-1]
}

// Len is the number of tokens.
func (t *Text) Len() int { return len(t.Toks) }

// Norm returns the normalized token at i, or "" outside the text.
func (t *Text) Norm(i int) string {
	if i < 0 || i >= len(t.Toks) {
		return ""
	}
	return t.Toks[i].Norm
}

// Raw returns the token at i as the user wrote it, or "".
func (t *Text) Raw(i int) string {
	if i < 0 || i >= len(t.Toks) {
		return ""
	}
	return t.Toks[i].Raw
}

// Is reports whether token i matches word: exactly, by a known plural or, for
// words of five letters or more, with one typo (see Like).
func (t *Text) Is(i int, words ...string) bool {
	n := t.Norm(i)
	if n == "" {
		return false
	}
	for _, w := range words {
		if Like(n, w) {
			return true
		}
	}
	return false
}

// Like reports whether a word written by a user means want: the same word,
// its plural, or the same with one typo (one letter added, dropped, changed
// or two swapped) when want has five letters or more and the first letter
// matches.
func Like(got, want string) bool {
	if got == want || isPlural(got, want) {
		return true
	}
	if len(want) < 5 || len(got) < 4 || got[0] != want[0] || !isWord(got) {
		return false
	}
	return damerau1(got, want) || (strings.HasSuffix(got, "s") && damerau1(got[:len(got)-1], want))
}

// isPlural reports whether got is want+"s", want+"es" or, for want ending
// in "y", want[:len-1]+"ies", without building those strings.
func isPlural(got, want string) bool {
	n := len(want)
	switch {
	case n == 0:
		return false
	case len(got) == n+1:
		return got[n] == 's' && got[:n] == want
	case len(got) == n+2 && got[:n] == want && got[n:] == "es":
		return true
	}
	return want[n-1] == 'y' && len(got) == n+2 && got[:n-1] == want[:n-1] && got[n-1:] == "ies"
}

func isWord(s string) bool {
	for _, r := range s {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

// damerau1 reports whether a and b differ by at most one edit (insertion,
// deletion, substitution or transposition of neighbours).
func damerau1(a, b string) bool {
	if a == b {
		return true
	}
	la, lb := len(a), len(b)
	if la-lb > 1 || lb-la > 1 {
		return false
	}
	i := 0
	for i < la && i < lb && a[i] == b[i] {
		i++
	}
	switch {
	case la == lb:
		if a[i+1:] == b[i+1:] {
			return true // substitution
		}
		return i+1 < la && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:]
	case la > lb:
		return a[i+1:] == b[i:]
	default:
		return a[i:] == b[i+1:]
	}
}

// Find returns the index of the first token at or after from that matches
// one of words, or -1.
func (t *Text) Find(from int, words ...string) int {
	for i := max(from, 0); i < len(t.Toks); i++ {
		if t.Is(i, words...) {
			return i
		}
	}
	return -1
}

// FindAll returns every index of a token matching one of words.
func (t *Text) FindAll(words ...string) []int {
	var out []int
	for i := range t.Toks {
		if t.Is(i, words...) {
			out = append(out, i)
		}
	}
	return out
}

// Has reports whether any token matches one of words.
func (t *Text) Has(words ...string) bool { return t.Find(0, words...) >= 0 }

// Phrase returns the index of the first place at or after from where the
// space-separated words of phrase appear in sequence, or -1. Each word may
// list alternatives with "|": "load|traffic balancer".
func (t *Text) Phrase(from int, phrase string) int {
	words := strings.Fields(phrase)
	for i := max(from, 0); i+len(words) <= len(t.Toks); i++ {
		if t.phraseAt(i, words) {
			return i
		}
	}
	return -1
}

func (t *Text) phraseAt(i int, words []string) bool {
	for k, w := range words {
		if !t.Is(i+k, strings.Split(w, "|")...) {
			return false
		}
	}
	return true
}

// HasPhrase reports whether any of the phrases appears.
func (t *Text) HasPhrase(phrases ...string) bool {
	for _, p := range phrases {
		if t.Phrase(0, p) >= 0 {
			return true
		}
	}
	return false
}

// Clause returns the bounds [start, end) of the clause holding token i: the
// run of tokens between clause breaks.
func (t *Text) Clause(i int) (start, end int) {
	start = i
	for start > 0 && !t.Toks[start-1].Break {
		start--
	}
	end = i
	for end < len(t.Toks) && !t.Toks[end].Break {
		end++
	}
	if end < len(t.Toks) {
		end++
	}
	return start, end
}
