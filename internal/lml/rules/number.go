package rules

import (
	"regexp"
	"strconv"
	"strings"
)

var numberWords = map[string]int{
	"a": 1, "an": 1, "one": 1, "single": 1, "two": 2, "pair": 2, "couple": 2, "both": 2, "three": 3,
	"four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
	"twelve": 12, "dozen": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
	"eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
	"seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
}

var (
	multRe   = regexp.MustCompile(`^(\d+)[x×]$|^[x×](\d+)$`)
	numberRe = regexp.MustCompile(`^\d+(\.\d+)?$`)
)

// Number reads token i as a count or quantity: "3", "three", "2x", "x2",
// "×2", "0.5". Articles ("a", "an") count as 1 only when strict is false.
func (t *Text) Number(i int, strict bool) (float64, bool) {
	n := strings.ReplaceAll(t.Norm(i), ",", "")
	if n == "" {
		return 0, false
	}
	if numberRe.MatchString(n) {
		f, err := strconv.ParseFloat(n, 64)
		return f, err == nil
	}
	if m := multRe.FindStringSubmatch(n); m != nil {
		f, _ := strconv.ParseFloat(m[1]+m[2], 64)
		return f, true
	}
	if strict && (n == "a" || n == "an" || n == "both" || n == "pair" || n == "couple") {
		return 0, false
	}
	if v, ok := numberWords[n]; ok {
		return float64(v), true
	}
	return 0, false
}

// CountBefore reads the count written just before token i ("three Debian 12
// boxes", "2x t3.large", "a pair of"), looking back over up to window
// adjectives. It returns 0 when there is none.
func (t *Text) CountBefore(i, window int) int {
	for k := i - 1; k >= 0 && k >= i-window; k-- {
		if t.Toks[k].Break && k != i-1 {
			return 0
		}
		if t.Is(k, "of") && t.Is(k-1, "pair", "couple") {
			return 2
		}
		if f, ok := t.Number(k, false); ok && f >= 1 && f == float64(int(f)) {
			if t.isUnitAfter(k) {
				continue // "30 GB root volume": a size, not a count
			}
			return int(f)
		}
	}
	return 0
}

func (t *Text) isUnitAfter(k int) bool {
	_, ok := sizeUnit(t.Norm(k + 1))
	if ok {
		return true
	}
	_, ok = durationUnit(t.Norm(k + 1))
	return ok
}

// Size is a quantity of bytes, kept as mebibytes.
type Size struct{ MiB float64 }

// GB returns the size in whole gibibytes, as AWS's "GB" arguments mean.
func (s Size) GB() int { return int(s.MiB/1024 + 0.5) }

// MB returns the size in mebibytes.
func (s Size) MB() int { return int(s.MiB + 0.5) }

var sizeRe = regexp.MustCompile(`^(\d+(?:\.\d+)?)-?([a-z]+)$`)

func sizeUnit(u string) (float64, bool) {
	switch u {
	case "mb", "mib", "meg", "megs", "megabyte", "megabytes":
		return 1, true
	case "gb", "gib", "gig", "gigs", "gigabyte", "gigabytes", "g":
		return 1024, true
	case "tb", "tib", "terabyte", "terabytes", "t":
		return 1024 * 1024, true
	case "kb", "kib", "kilobyte", "kilobytes":
		return 1.0 / 1024, true
	}
	return 0, false
}

// SizeAt reads a size starting at token i: "20 gigs", "1TB", "512 MB",
// "half a terabyte", "a gig". It returns the size and how many tokens it used.
func (t *Text) SizeAt(i int) (Size, int, bool) {
	n := t.Norm(i)
	if f, used := t.fractionAt(i); used > 0 {
		if mul, ok := sizeUnit(t.Norm(i + used)); ok && len(t.Norm(i+used)) > 1 {
			return Size{MiB: f * mul}, used + 1, true
		}
	}
	if m := sizeRe.FindStringSubmatch(n); m != nil {
		if mul, ok := sizeUnit(m[2]); ok && m[2] != "g" && m[2] != "t" || ok && len(m[1]) > 0 {
			f, _ := strconv.ParseFloat(m[1], 64)
			return Size{MiB: f * mul}, 1, true
		}
	}
	if f, ok := t.Number(i, true); ok {
		if mul, ok := sizeUnit(t.Norm(i + 1)); ok && t.Norm(i+1) != "g" && t.Norm(i+1) != "t" {
			return Size{MiB: f * mul}, 2, true
		}
	}
	return Size{}, 0, false
}

// fractionAt reads a quantity written as words before a spelled-out unit:
// "half a" (0.5), "a quarter of a" (0.25), "a" or "an" (1: "a terabyte").
// It returns the quantity and how many tokens it used, 0 if none.
func (t *Text) fractionAt(i int) (float64, int) {
	switch {
	case t.Is(i, "half") && t.Is(i+1, "a", "an"):
		return 0.5, 2
	case t.Is(i, "a") && t.Is(i+1, "half", "quarter") && t.Is(i+2, "of") && t.Is(i+3, "a", "an"):
		return map[string]float64{"half": 0.5, "quarter": 0.25}[t.Norm(i+1)], 4
	case t.Is(i, "quarter") && t.Is(i+1, "of") && t.Is(i+2, "a", "an"):
		return 0.25, 3
	case t.Is(i, "a", "an") && !t.Is(i-1, "half", "of"):
		return 1, 1
	}
	return 0, 0
}

// Sizes returns every size in the text with the index of its number (the
// token before the unit when the unit is a word of its own).
func (t *Text) Sizes() []Located[Size] {
	var out []Located[Size]
	for i := 0; i < t.Len(); i++ {
		if s, n, ok := t.SizeAt(i); ok {
			// At is the token just before the unit, as for "20 GB", so that
			// "half a terabyte" sits where its "a" is.
			out = append(out, Located[Size]{At: i + max(n-2, 0), Value: s})
			i += n - 1
		}
	}
	return out
}

// Located is a value found at a token index.
type Located[T any] struct {
	At    int
	Value T
}

// Nearest returns the located value closest to token i (ties go to the one
// after i), and false if there is none within maxDist tokens.
func Nearest[T any](vals []Located[T], i, maxDist int) (Located[T], bool) {
	var best Located[T]
	found, bestD := false, 0
	for _, v := range vals {
		d := v.At - i
		if d < 0 {
			d = -d
		}
		if d > maxDist {
			continue
		}
		if !found || d < bestD || (d == bestD && v.At > best.At) {
			best, bestD, found = v, d, true
		}
	}
	return best, found
}
