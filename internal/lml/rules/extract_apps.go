package rules

import (
	"strings"
)

// fillerWords never name a thing: they follow a noun without being its name
// ("a user with access keys", "a zone for example.com").
var fillerWords = []string{"with", "and", "for", "that", "which", "to", "in", "on", "of", "the", "a", "an",
	"plus", "using", "who", "where", "via", "from", "by", "as", "at", "into", "behind", "whose", "running",
	"will", "should", "can", "must", "is", "are", "has", "have", "allowing", "attached", "it", "its", "so",
	"called", "named", "then", "also", "both", "each", "every", "all", "only", "new", "existing"}

// NameNear returns the name the user gave to the thing named at token i:
// "queue 'orders'", "topic named alerts", "function called api-handler",
// "the 'jobs' queue". With bare, the very next word counts as a name too
// ("IAM user ci-bot", "log group /app/api") unless it is a filler word.
// It returns the raw name and its token index.
func (t *Text) NameNear(i int, bare bool) (string, int, bool) {
	if t.Toks[max(i-1, 0)].Quoted && i > 0 && !t.Toks[i-1].Break {
		return t.Raw(i - 1), i - 1, true
	}
	for k := i + 1; k < t.Len() && k <= i+3; k++ {
		if t.Toks[k-1].Break {
			return "", -1, false
		}
		if t.Is(k, "called", "named", "name", "names") && k+1 < t.Len() && !t.Is(k+1, "a", "an", "the") {
			return t.Raw(k + 1), k + 1, true
		}
		if t.Toks[k].Quoted {
			return t.Raw(k), k, true
		}
		if bare && k == i+1 && !t.Is(k, fillerWords...) && !t.isNumberish(k) {
			return t.Raw(k), k, true
		}
	}
	return "", -1, false
}

func (t *Text) isNumberish(k int) bool {
	_, ok := t.Number(k, true)
	return ok
}

// Near returns the index of the token closest to i, within window tokens
// on either side, that matches one of words, or -1.
func (t *Text) Near(i, window int, words ...string) int {
	for d := 0; d <= window; d++ {
		if t.Is(i+d, words...) {
			return i + d
		}
		if d > 0 && t.Is(i-d, words...) {
			return i - d
		}
	}
	return -1
}

// NumberNear returns a whole number written within window tokens after
// token i ("batch size 10", "max 3 receives"), skipping sizes and durations.
func (t *Text) NumberNear(i, window int) (int, int, bool) {
	for k := i + 1; k < t.Len() && k <= i+window; k++ {
		if f, ok := t.Number(k, true); ok && f == float64(int(f)) && !t.isUnitAfter(k) {
			return int(f), k, true
		}
	}
	return 0, -1, false
}

// NumberBefore returns a whole number written within window tokens before
// token i ("5 failed receives", "3 nodes").
func (t *Text) NumberBefore(i, window int) (int, int, bool) {
	for k := i - 1; k >= 0 && k >= i-window; k-- {
		if f, ok := t.Number(k, true); ok && f == float64(int(f)) && !t.isUnitAfter(k) {
			return int(f), k, true
		}
	}
	return 0, -1, false
}

// DurationNear returns the duration in seconds closest to token i within
// window tokens ("60 second visibility timeout", "timeout of 30s").
func (t *Text) DurationNear(i, window int) (int, int, bool) {
	d, ok := Nearest(t.Durations(), i, window)
	if !ok {
		return 0, -1, false
	}
	return d.Value, d.At, true
}

// SizeNear returns the size closest to token i within window tokens.
func (t *Text) SizeNear(i, window int) (Size, int, bool) {
	s, ok := Nearest(t.Sizes(), i, window)
	if !ok {
		return Size{}, -1, false
	}
	return s.Value, s.At, true
}

// PercentNear returns a percentage written within window tokens of i
// ("80%", "70 percent", "40 per cent").
func (t *Text) PercentNear(i, window int) (float64, int, bool) {
	best, bestAt := 0.0, -1
	for d := 0; d <= window; d++ {
		for _, k := range []int{i + d, i - d} {
			if bestAt >= 0 {
				break
			}
			if v, ok := t.percentAt(k); ok {
				best, bestAt = v, k
			}
		}
	}
	return best, bestAt, bestAt >= 0
}

func (t *Text) percentAt(k int) (float64, bool) {
	n := t.Norm(k)
	if strings.HasSuffix(n, "%") {
		if f, ok := (&Text{Toks: []Token{{Norm: strings.TrimSuffix(n, "%")}}}).Number(0, true); ok {
			return f, true
		}
	}
	if t.Is(k+1, "percent", "%", "pct") || t.Is(k+1, "per") && t.Is(k+2, "cent") {
		return t.Number(k, true) // "70 percent", "40 per cent"
	}
	return 0, false
}

// Mentions returns the indexes of tokens that match words, merging a run of
// neighbouring matches ("SQS queue", "lambda function") into its last
// token, so that each mention is counted once.
func (t *Text) Mentions(words ...string) []int {
	var out []int
	for i := 0; i < t.Len(); i++ {
		if !t.Is(i, words...) {
			continue
		}
		if n := len(out); n > 0 && out[n-1] == i-1 && !t.Toks[i-1].Break {
			out[n-1] = i
			continue
		}
		out = append(out, i)
	}
	return out
}

// ScaleRange reads a minimum and maximum: "between 2 and 10 tasks", "from
// 3 to 6 nodes", "2-10 instances", "min 2, max 5". It returns false when
// there is none.
func (t *Text) ScaleRange() (lo, hi int, ok bool) {
	for i := 0; i < t.Len(); i++ {
		if t.Is(i, "min", "minimum") {
			if l, _, ok1 := t.NumberNear(i, 2); ok1 {
				if k := t.Find(i+1, "max", "maximum"); k >= 0 && k <= i+6 {
					if h, _, ok2 := t.NumberNear(k, 2); ok2 && h >= l {
						return l, h, true
					}
				}
			}
		}
		l, okL := t.Number(i, true)
		if !okL || t.isUnitAfter(i) {
			if p := strings.SplitN(t.Norm(i), "-", 2); len(p) == 2 {
				a, okA := (&Text{Toks: []Token{{Norm: p[0]}}}).Number(0, true)
				b, okB := (&Text{Toks: []Token{{Norm: p[1]}}}).Number(0, true)
				if okA && okB && b > a {
					return int(a), int(b), true
				}
			}
			continue
		}
		if t.Is(i+1, "to", "and", "-") {
			if h, okH := t.Number(i+2, true); okH && h > l && (t.Is(i-1, "between", "from") || t.Is(i+1, "to")) && !t.isUnitAfter(i+2) {
				return int(l), int(h), true
			}
		}
	}
	return 0, 0, false
}

// appNotNames are words that stand before a noun without naming it ("a new
// SQS queue", "the main topic").
var appNotNames = []string{"sqs", "sns", "fifo", "standard", "new", "main", "primary", "secondary", "second", "another",
	"dead-letter", "dlq", "message", "messages", "encrypted", "durable", "simple", "small", "single", "ecr", "private",
	"public", "custom", "event", "events", "aws", "amazon", "cloudwatch", "notification", "notifications", "email",
	"container", "docker", "image", "ecs", "fargate", "one", "my", "our", "your", "their", "this", "that", "its"}

// NameBefore returns a bare name written just before the noun at i ("an
// orders queue", "the alerts topic"), skipping words that describe rather
// than name.
func (t *Text) NameBefore(i int) (string, int, bool) {
	k := i - 1
	for k >= 0 && t.Is(k, "sqs", "sns", "fifo", "ecr", "standard") && !t.Toks[k].Break {
		k--
	}
	if k < 0 || t.Toks[k].Break || t.Is(k, fillerWords...) || t.Is(k, appNotNames...) || t.isNumberish(k) {
		return "", -1, false
	}
	n := t.Norm(k)
	if len(n) < 2 || !isLabelChars(n) || strings.Trim(n, "-") != n {
		return "", -1, false
	}
	return t.Raw(k), k, true
}
