package rules

import "strings"

// Extractors the data and storage families share: names, nearby numbers,
// enumerations ("raw, staged and curated") and the words that say a phrase
// refers back to something already named.

// dataFillers never name a thing: they follow or precede a noun without
// being its name ("a bucket with versioning", "the table for sessions").
var dataFillers = []string{"with", "and", "for", "that", "which", "to", "in", "on", "of", "the", "a", "an",
	"plus", "using", "where", "via", "from", "by", "as", "at", "into", "behind", "whose", "will", "should",
	"can", "must", "is", "are", "has", "have", "it", "its", "so", "called", "named", "then", "also", "both",
	"each", "every", "all", "only", "new", "existing", "our", "my", "your", "their", "this", "that", "these",
	"those", "same", "one", "some", "any", "private", "public", "second", "first", "third", "another", "other",
	"s3", "aws", "amazon", "versioned", "encrypted", "managed", "dedicated", "separate", "simple", "basic",
	"we", "i", "you", "me", "us", "when", "if", "while", "after", "before", "per", "or", "not", "no"}

// notNames are hyphenated or numbered words that read like names but are
// settings ("on-demand", "multi-az", "sse-s3").
var notNames = []string{"on-demand", "pay-per-request", "multi-az", "read-only", "sse-s3", "sse-kms", "kms-encrypted",
	"customer-managed", "point-in-time", "cross-region", "same-region", "in-transit", "at-rest", "aes-256", "aes256",
	"server-side", "end-to-end", "high-availability", "deletion-protected", "standard-ia", "intelligent-tiering",
	"deep-archive", "one-zone", "gp2", "gp3", "io1", "io2", "ipv4", "ipv6", "x86_64", "arm64", "e-mail", "real-time"}

// retainWords say how long data is kept ("keeping data for 7 days",
// "retained for a year", "holds records 48 hours").
var retainWords = []string{"retention", "retain", "retains", "retained", "retaining", "keep", "keeps", "kept",
	"keeping", "hold", "holds", "holding", "store", "stores", "storing"}

// referBack words make a mention point at a thing already named rather
// than ask for a new one ("the bucket", "that table", "same bucket").
var referBack = []string{"the", "that", "this", "same", "its", "their", "those", "these", "said", "above"}

// looksLikeName reports whether a bare word reads as an identifier someone
// chose: it has a digit, hyphen, underscore, dot or slash, or was quoted.
func (t *Text) looksLikeName(k int) bool {
	if k < 0 || k >= t.Len() || t.Is(k, dataFillers...) {
		return false
	}
	if t.Toks[k].Quoted {
		return true
	}
	if t.Is(k, notNames...) {
		return false
	}
	raw := t.Raw(k)
	if strings.HasPrefix(raw, "arn:") || strings.Contains(raw, "://") || strings.Contains(raw, "=") {
		return false
	}
	return strings.ContainsAny(raw, "-_./0123456789") && strings.IndexFunc(raw, isLetterRune) >= 0
}

func isLetterRune(r rune) bool { return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' }

// dataName returns the name given to the thing mentioned at token i:
// "called X", "named X", "name X" within a few words after, a quoted word
// right before or after, or (with bare) an identifier-like word right after
// ("bucket uploads-in", "secret db-creds"). It returns the raw name and
// its index.
func (t *Text) dataName(i int, bare bool) (string, int, bool) {
	if i < 0 || i >= t.Len() {
		return "", -1, false
	}
	if i > 0 && t.Toks[i-1].Quoted && !t.Toks[i-1].Break {
		return t.Raw(i - 1), i - 1, true
	}
	for k := i + 1; k < t.Len() && k <= i+6; k++ {
		if t.Toks[k-1].Break && k > i+1 && !t.Is(k, "called", "named") {
			break // ", called X" after a clause about the thing still names it
		}
		if k > i+4 && !t.Is(k, "called", "named") {
			continue
		}
		if t.Is(k, "called", "named", "name", "names") && k+1 < t.Len() && !t.Is(k+1, "a", "an", "the", "of") {
			if t.Is(k+1, "is", "=", "should", "will") && k+2 < t.Len() {
				return t.Raw(k + 2), k + 2, true
			}
			return t.Raw(k + 1), k + 1, true
		}
		if t.Toks[k].Quoted {
			return t.Raw(k), k, true
		}
	}
	if bare && t.looksLikeName(i+1) {
		return t.Raw(i + 1), i + 1, true
	}
	return "", -1, false
}

// enumeration reads a list of single words joined by commas and a final
// "and"/"or" that ends at token last ("raw, staged and curated"), and
// returns their indexes in order. Lists shorter than two are not lists.
func (t *Text) enumeration(last int) []int {
	if !t.isListWord(last) {
		return nil
	}
	out := []int{last}
	for k := last; ; {
		switch {
		case k >= 2 && t.Is(k-1, "and", "or", "&", "+") && !t.Toks[k-2].Break && t.isListWord(k-2):
			k -= 2
		case t.Is(k-1, "and", "or") && k >= 2 && t.isListComma(k-2) && t.isListWord(k-2):
			k -= 2
		case k >= 1 && t.isListComma(k-1) && t.isListWord(k-1) && len(out) >= 2:
			k--
		default:
			return listOf(out)
		}
		out = append([]int{k}, out...)
	}
}

// enumerationFrom reads such a list starting at token first.
func (t *Text) enumerationFrom(first int) []int {
	if !t.isListWord(first) {
		return nil
	}
	out := []int{first}
	for k := first; ; {
		switch {
		case !t.Toks[k].Break && t.Is(k+1, "and", "or", "&", "+") && t.isListWord(k+2):
			return listOf(append(out, k+2))
		case t.isListComma(k) && t.Is(k+1, "and", "or") && t.isListWord(k+2):
			return listOf(append(out, k+2))
		case t.isListComma(k) && t.isListWord(k+1):
			k++
			out = append(out, k)
		default:
			return listOf(out)
		}
	}
}

func listOf(ks []int) []int {
	if len(ks) < 2 {
		return nil
	}
	return ks
}

// isListWord reports whether token k can be an item of a list of names.
func (t *Text) isListWord(k int) bool {
	return k >= 0 && k < t.Len() && !t.Is(k, dataFillers...) && !t.isNumberWord(k)
}

func (t *Text) isNumberWord(k int) bool {
	_, ok := t.Number(k, true)
	return ok
}

// isListComma reports whether a comma (not a full stop or a dash) follows
// token k in the prompt.
func (t *Text) isListComma(k int) bool {
	if k < 0 || k >= t.Len() || !t.Toks[k].Break {
		return false
	}
	return strings.Contains(t.Prompt, t.Raw(k)+",")
}

// headingEnd returns the length in tokens of a short title that opens the
// prompt and ends with a colon ("Queue and worker: an SQS queue called
// jobs ..."), or 0. Things a title names are described again after it.
func (t *Text) headingEnd() int {
	for k := 0; k < t.Len() && k < 5; k++ {
		if !t.Toks[k].Break {
			continue
		}
		if strings.Contains(t.Prompt, t.Raw(k)+":") && k+1 < t.Len() {
			return k + 1
		}
		return 0
	}
	return 0
}

// durationNear returns the duration in seconds closest to token i within
// window tokens ("a 7-day deletion window", "retention of 48 hours").
func (t *Text) durationNear(i, window int) (int, int, bool) {
	d, ok := Nearest(t.Durations(), i, window)
	if !ok {
		return 0, -1, false
	}
	return d.Value, d.At, true
}

// sizeNear returns the size closest to token i within window tokens.
func (t *Text) sizeNear(i, window int) (Size, int, bool) {
	s, ok := Nearest(t.Sizes(), i, window)
	if !ok {
		return Size{}, -1, false
	}
	return s.Value, s.At, true
}

// smallCount reads the count before token i ("three buckets") as
// CountBefore does, treating counts above limit as no count at all (a
// stray number such as a port or an ID), and returns at least 1.
func (t *Text) smallCount(i, window, limit int) int {
	n := t.CountBefore(i, window)
	if n < 1 || n > limit {
		return 1
	}
	return n
}
