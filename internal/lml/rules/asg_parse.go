package rules

import (
	"regexp"
	"strconv"
	"strings"
)

// asgSize is the capacity an Auto Scaling group is asked for; -1 is unsaid.
type asgSize struct{ min, max, desired int }

var (
	rangeRe   = regexp.MustCompile(`^(\d{1,4})-(\d{1,4})$`)
	kvSizeRe  = regexp.MustCompile(`^(min|max|desired)(?:_size|_capacity)?=(\d{1,4})$`)
	percentRe = regexp.MustCompile(`^(\d{1,3}(?:\.\d+)?)%$`)
)

// asgSizes reads "min 2, max 6, desired 3", "2-4 nodes", "between 2 and 6",
// "3 to 9", "exactly 2 instances" in [from, to).
func asgSizes(c *Ctx, from, to int) asgSize {
	t := c.T
	s := asgSize{-1, -1, -1}
	fleet := -1
	num := func(j int) int {
		if f, ok := t.Number(j, true); ok && f >= 0 && f <= 10000 && f == float64(int(f)) && !t.isUnitAfter(j) {
			c.Claim(j, j+1)
			return int(f)
		}
		return -1
	}
	for j := from; j < to && j < t.Len(); j++ {
		n := t.Norm(j)
		if m := kvSizeRe.FindStringSubmatch(n); m != nil {
			v, _ := strconv.Atoi(m[2])
			setSize(&s, m[1], v)
			continue
		}
		if w, v := sizeAfterNumber(t, j, num); v >= 0 {
			setSize(&s, w, v)
			continue
		}
		if v := sizeWordValue(t, j, num); v >= 0 {
			w := j
			if t.Is(j, "at") {
				w = j + 1
			}
			setSize(&s, sizeWord(t, w), v)
			continue
		}
		if m := rangeRe.FindStringSubmatch(n); m != nil && !t.isUnitAfter(j) {
			s.min, _ = strconv.Atoi(m[1])
			s.max, _ = strconv.Atoi(m[2])
			c.Claim(j, j+1)
			continue
		}
		if lo, hi, ok := spelledRange(t, j, num); ok {
			s.min, s.max = lo, hi
		}
		if n := fleetCount(t, j); n > 0 && fleet < 0 {
			fleet = n
		}
	}
	if s.min < 0 && s.max < 0 && s.desired < 0 && fleet > 0 {
		s = asgSize{fleet, fleet, fleet} // "4 instances at all times"
	}
	return s
}

// fleetCount reads "4 instances", "3 t3.small nodes" at j: a fixed size.
func fleetCount(t *Text, j int) int {
	f, ok := t.Number(j, true)
	if !ok || f < 1 || f > 1000 || f != float64(int(f)) {
		return -1
	}
	k := j + 1
	if instanceTypeRe.MatchString(t.Norm(k)) {
		k++
	}
	if t.Is(k, "instance", "instances", "server", "servers", "node", "nodes", "vm", "vms", "machine", "machines", "box", "boxes", "worker", "workers", "hosts") {
		return int(f)
	}
	return -1
}

// sizeAfterNumber reads a bound written after its number, past an instance
// type or noun: "twenty t3.medium at most", "4 instances or more". It
// returns the bound's word and value, or -1.
func sizeAfterNumber(t *Text, j int, num func(int) int) (string, int) {
	if _, ok := t.Number(j, true); !ok || t.Is(j-1, "min", "minimum", "max", "maximum", "desired", "least", "most") {
		return "", -1
	}
	k := j + 1
	if instanceTypeRe.MatchString(t.Norm(k)) {
		k++
	}
	if t.Is(k, "instance", "instances", "server", "servers", "node", "nodes", "vm", "vms", "machine", "machines") {
		k++
	}
	switch {
	case t.Is(k, "at") && t.Is(k+1, "most"), t.Is(k, "or") && t.Is(k+1, "fewer", "less"):
		return "max", num(j)
	case t.Is(k, "at") && t.Is(k+1, "least"), t.Is(k, "or") && t.Is(k+1, "more"):
		return "min", num(j)
	}
	return "", -1
}

// sizeWord says which capacity word at j is ("min", "max", "desired",
// "exactly").
func sizeWord(t *Text, j int) string {
	switch {
	case t.Is(j, "min", "minimum", "least") || t.Is(j, "fewer", "less") && t.Is(j+1, "than"):
		return "min"
	case t.Is(j, "max", "maximum", "most") || t.Norm(j) == "up" && t.Is(j+1, "to") || t.Is(j, "more") && t.Is(j+1, "than"):
		return "max"
	case t.Is(j, "desired"):
		return "desired"
	}
	return "exactly"
}

// sizeWordValue reads the number after a capacity word, or -1.
func sizeWordValue(t *Text, j int, num func(int) int) int {
	k := j + 1
	switch {
	case t.Is(j, "min", "minimum", "max", "maximum", "desired"):
		for t.Is(k, "size", "capacity", "of", "is", "=", "count", "instances") {
			k++
		}
	case t.Norm(j) == "up" && t.Is(j+1, "to"), t.Is(j, "at") && t.Is(j+1, "least", "most"):
		k = j + 2
	case t.Is(j, "fewer", "less", "more") && t.Is(j+1, "than") && t.Is(j-1, "never", "no", "not"):
		k = j + 2 // "never fewer than four", "no more than 10"
	case t.Is(j, "exactly", "always", "fixed", "constant") && !t.Is(j+1, "at"):
		if t.Is(k, "keeps", "keep", "runs", "run", "has", "at") {
			k++
		}
	default:
		return -1
	}
	return num(k)
}

func setSize(s *asgSize, word string, v int) {
	switch word {
	case "min":
		s.min = v
	case "max":
		s.max = v
	case "desired":
		s.desired = v
	default:
		s.min, s.max, s.desired = v, v, v
	}
}

// spelledRange reads "between 2 and 6", "from 3 to 9", "2 to 4 instances".
func spelledRange(t *Text, j int, num func(int) int) (int, int, bool) {
	if t.Is(j, "between", "from") && t.Is(j+2, "and", "to") {
		if lo, hi := num(j+1), num(j+3); lo >= 0 && hi >= lo {
			return lo, hi, true
		}
	}
	if t.Is(j+1, "to") && !t.Is(j-1, "from", "between", "to") {
		if _, ok := t.Number(j, true); !ok {
			return 0, 0, false
		}
		if _, ok := t.Number(j+2, true); !ok || t.isUnitAfter(j+2) || t.Is(j+3, "at") {
			return 0, 0, false
		}
		if lo, hi := num(j), num(j+2); lo >= 0 && hi > lo {
			return lo, hi, true
		}
	}
	return 0, 0, false
}

// percentNear reads a percentage ("60%", "60 percent", "60 %", "60 per
// cent") within window tokens after i.
func percentNear(t *Text, i, window int) (float64, int, bool) {
	for j := i; j < t.Len() && j <= i+window; j++ {
		if m := percentRe.FindStringSubmatch(t.Norm(j)); m != nil {
			f, _ := strconv.ParseFloat(m[1], 64)
			return f, j, true
		}
		if f, ok := t.percentAt(j); ok {
			return f, j, true
		}
	}
	return 0, -1, false
}

// clockTime reads a time of day at j: "08:00", "8am", "8:30 pm", "noon",
// "midnight". It returns hour, minute and tokens used.
func clockTime(t *Text, j int) (int, int, int, bool) {
	n := t.Norm(j)
	switch n {
	case "noon", "midday":
		return 12, 0, 1, true
	case "midnight":
		return 0, 0, 1, true
	}
	used := 1
	suffix := ""
	for _, sfx := range []string{"am", "pm", "a.m", "p.m"} {
		if strings.HasSuffix(n, sfx) && len(n) > len(sfx) {
			n, suffix = strings.TrimSuffix(n, sfx), sfx[:1]
			break
		}
	}
	if suffix == "" && t.Is(j+1, "am", "pm", "a.m", "p.m") {
		suffix, used = t.Norm(j + 1)[:1], 2
	}
	h, m, ok := parseHM(n)
	if !ok || (suffix == "" && !strings.Contains(n, ":")) {
		return 0, 0, 0, false
	}
	if suffix == "p" && h < 12 {
		h += 12
	}
	if suffix == "a" && h == 12 {
		h = 0
	}
	return h, m, used, h < 24 && m < 60
}

func parseHM(s string) (int, int, bool) {
	hs, ms, _ := strings.Cut(s, ":")
	h, err := strconv.Atoi(hs)
	if err != nil || len(hs) > 2 {
		return 0, 0, false
	}
	m := 0
	if ms != "" {
		if m, err = strconv.Atoi(ms); err != nil || len(ms) != 2 {
			return 0, 0, false
		}
	}
	return h, m, true
}

// cronDays reads which days a schedule runs: "weekdays" → MON-FRI,
// "weekends" → SAT,SUN, day names, else every day.
func cronDays(t *Text, from, to int) string {
	days := []string{"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
	var named []string
	for j := from; j < to && j < t.Len(); j++ {
		switch {
		case t.Is(j, "weekday", "weekdays", "workday", "workdays") || t.Is(j, "business") && t.Is(j+1, "day", "days"):
			return "MON-FRI"
		case t.Is(j, "weekend", "weekends"):
			return "SAT,SUN"
		}
		for _, d := range days {
			if t.Is(j, d) || t.Norm(j) == d+"s" {
				named = append(named, strings.ToUpper(d[:3]))
			}
		}
	}
	if len(named) > 0 {
		return strings.Join(named, ",")
	}
	return "*"
}
