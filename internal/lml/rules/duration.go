package rules

import (
	"regexp"
	"strconv"
	"strings"
)

// durationUnit returns the length of a time unit in seconds.
func durationUnit(u string) (int, bool) {
	switch u {
	case "s", "sec", "secs", "second", "seconds":
		return 1, true
	case "m", "min", "mins", "minute", "minutes":
		return 60, true
	case "h", "hr", "hrs", "hour", "hours":
		return 3600, true
	case "d", "day", "days":
		return 86400, true
	case "w", "wk", "week", "weeks":
		return 7 * 86400, true
	case "month", "months":
		return 30 * 86400, true
	case "y", "yr", "year", "years":
		return 365 * 86400, true
	}
	return 0, false
}

var durRe = regexp.MustCompile(`^(\d+(?:\.\d+)?)-?([a-z]+)$`)

// DurationAt reads a duration starting at token i: "90 days", "48h",
// "a year", "7-day", "15 minute", "two-minute", "half an hour". It returns seconds and tokens used.
func (t *Text) DurationAt(i int) (seconds int, used int, ok bool) {
	if m := durRe.FindStringSubmatch(t.Norm(i)); m != nil {
		if u, ok := durationUnit(m[2]); ok {
			f, _ := strconv.ParseFloat(m[1], 64)
			return int(f * float64(u)), 1, true
		}
	}
	if f, ok := t.Number(i, false); ok {
		if u, ok := durationUnit(t.Norm(i + 1)); ok {
			return int(f * float64(u)), 2, true
		}
	}
	if word, unit, ok := strings.Cut(t.Norm(i), "-"); ok { // "ten-second", "two-week"
		n, isNum := numberWords[word]
		if u, isUnit := durationUnit(unit); isNum && isUnit && word != "a" && word != "an" {
			return n * u, 1, true
		}
	}
	if f, used := t.fractionAt(i); used > 1 { // "half an hour"
		if u, ok := durationUnit(t.Norm(i + used)); ok {
			return int(f * float64(u)), used + 1, true
		}
	}
	return 0, 0, false
}

// Durations returns every duration in the text, in seconds, with its index.
func (t *Text) Durations() []Located[int] {
	var out []Located[int]
	for i := 0; i < t.Len(); i++ {
		if s, n, ok := t.DurationAt(i); ok {
			out = append(out, Located[int]{At: i, Value: s})
			i += n - 1
		}
	}
	return out
}

// Days converts seconds to whole days, rounding a year to 365.
func Days(seconds int) int { return (seconds + 86399) / 86400 }
