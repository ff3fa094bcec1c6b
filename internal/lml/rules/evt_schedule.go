package rules

import (
	"regexp"
	"strconv"
	"strings"
)

var (
	scheduleExprRe = regexp.MustCompile(`(?i)\b(cron|rate)\(([A-Za-z0-9*?,/#\- ]+)\)`)
	clockRe        = regexp.MustCompile(`^(\d{1,2})(?::(\d{2}))?(am|pm|a\.m|p\.m|h)?$`)
)

// weekdays maps day words to EventBridge's day-of-week names.
var weekdays = map[string]string{
	"monday": "MON", "mondays": "MON", "tuesday": "TUE", "tuesdays": "TUE", "wednesday": "WED", "wednesdays": "WED",
	"thursday": "THU", "thursdays": "THU", "friday": "FRI", "fridays": "FRI", "saturday": "SAT", "saturdays": "SAT",
	"sunday": "SUN", "sundays": "SUN", "weekday": "MON-FRI", "weekdays": "MON-FRI", "weekend": "SAT,SUN", "weekends": "SAT,SUN",
}

// scheduleStarts are the words a schedule begins with; only tokens spelled
// this way are read further, which keeps the scan cheap.
var scheduleStarts = map[string]bool{"every": true, "each": true, "once": true, "hourly": true, "daily": true,
	"nightly": true, "nighly": true, "weekly": true, "monthly": true, "cron": true}

// zoneOffsets are the UTC offsets (hours) of time zones people name.
var zoneOffsets = map[string]int{"utc": 0, "gmt": 0, "z": 0, "est": -5, "edt": -4, "cst": -6, "cdt": -5, "mst": -7,
	"mdt": -6, "pst": -8, "pdt": -7, "cet": 1, "cest": 2, "bst": 1, "eet": 2, "jst": 9, "kst": 9, "aest": 10, "sgt": 8}

// Schedule is a recurring time a prompt names, as an EventBridge schedule
// expression.
type Schedule struct {
	Expr string // "rate(5 minutes)", "cron(0 2 * * ? *)"
	At   int    // token where the schedule is written
	Note string // an assumption made while reading it, or ""
}

// Schedule reads the schedule a prompt names: "every 5 minutes", "every day
// at 2am UTC", "weekdays at 08:00", "nightly at 01:00", "hourly",
// "cron(0 2 * * ? *)". It reports false when there is none.
func (t *Text) Schedule() (Schedule, bool) {
	if m := scheduleExprRe.FindStringSubmatch(t.Prompt); m != nil {
		k := t.Find(0, strings.ToLower(m[1]))
		return Schedule{Expr: strings.ToLower(m[1]) + "(" + m[2] + ")", At: max(k, 0)}, true
	}
	for i := 0; i < t.Len(); i++ {
		if !scheduleStarts[t.Norm(i)] && weekdays[t.Norm(i)] == "" {
			continue
		}
		if s, ok := t.rateAt(i); ok {
			return s, true
		}
		if s, ok := t.cronAt(i); ok {
			return s, true
		}
	}
	return Schedule{}, false
}

// rateAt reads "every 5 minutes", "every hour", "hourly".
func (t *Text) rateAt(i int) (Schedule, bool) {
	switch {
	case t.Is(i, "hourly"), t.Is(i, "every", "each") && t.Is(i+1, "hour"):
		return Schedule{Expr: "rate(1 hour)", At: i}, true
	case t.Is(i, "every", "each") && t.Is(i+1, "minute"):
		return Schedule{Expr: "rate(1 minute)", At: i}, true
	case !t.Is(i, "every", "each"):
		return Schedule{}, false
	}
	secs, _, ok := t.DurationAt(i + 1)
	if !ok || secs < 60 {
		return Schedule{}, false
	}
	for _, u := range []struct {
		n    int
		unit string
	}{{86400, "day"}, {3600, "hour"}, {60, "minute"}} {
		if secs%u.n == 0 {
			n := secs / u.n
			unit := u.unit
			if n != 1 {
				unit += "s"
			}
			if u.n == 86400 && n == 1 {
				return Schedule{}, false // "every day": a cron at a time of day
			}
			return Schedule{Expr: "rate(" + strconv.Itoa(n) + " " + unit + ")", At: i}, true
		}
	}
	return Schedule{}, false
}

// cronAt reads daily, weekly and monthly schedules at a time of day.
func (t *Text) cronAt(i int) (Schedule, bool) {
	dom, dow := "*", "?"
	switch {
	case t.Is(i, "daily", "nightly", "nighly") || t.Is(i, "every", "each", "once") && t.Is(i+1, "day", "night", "evening", "morning") ||
		t.Is(i, "once") && t.Is(i+1, "a") && t.Is(i+2, "day"):
	case t.Is(i, "weekly"):
		dom, dow = "?", "SUN"
	case t.Is(i, "monthly"):
		dom = "1"
	case weekdays[t.Norm(i)] != "" && (t.Is(i-1, "every", "on", "each") || strings.HasSuffix(t.Norm(i), "s")):
		dom, dow = "?", weekdays[t.Norm(i)]
	case t.Is(i, "cron") && t.Is(i+1, "rule", "job", "schedule", "expression", "at"):
	default:
		return Schedule{}, false
	}
	if dow == "?" && dom == "*" {
		if d := t.weekdayAfter(i); d != "" {
			dom, dow = "?", d // "cron job every weekday at 7:30"
		}
	}
	h, m, note, ok := t.clockTime()
	if !ok {
		h, m = 0, 0
		note = "no time of day named: running at 00:00 UTC"
		if t.Is(i, "nightly") || t.Is(i+1, "night") {
			h, note = 2, "no time of day named: running at 02:00 UTC"
		}
	}
	return Schedule{Expr: "cron(" + strconv.Itoa(m) + " " + strconv.Itoa(h) + " " + dom + " * " + dow + " *)", At: i, Note: note}, true
}

// weekdayAfter returns the days named after token i ("every weekday",
// "on Mondays"), or "".
func (t *Text) weekdayAfter(i int) string {
	for k := i + 1; k < t.Len(); k++ {
		if d := weekdays[t.Norm(k)]; d != "" && (t.Is(k-1, "every", "on", "each") || strings.HasSuffix(t.Norm(k), "s")) {
			return d
		}
	}
	return ""
}

// clockTime finds a time of day: "2am", "2 am", "2:30pm", "08:00",
// "noon", "midnight", converted to UTC when a zone is named.
func (t *Text) clockTime() (hour, minute int, note string, ok bool) {
	for i := 0; i < t.Len(); i++ {
		switch {
		case t.Is(i, "noon", "midday"):
			return 12, 0, "", true
		case t.Is(i, "midnight"):
			return 0, 0, "", true
		}
		mm := clockRe.FindStringSubmatch(t.Norm(i))
		if mm == nil {
			continue
		}
		suffix := mm[3]
		if suffix == "" && t.Is(i+1, "am", "pm", "a.m", "p.m", "a.m.", "p.m.") {
			suffix = t.Norm(i + 1)
		}
		if mm[2] == "" && suffix == "" && !t.Is(i-1, "at") {
			continue
		}
		h, _ := strconv.Atoi(mm[1])
		m, _ := strconv.Atoi(mm[2])
		if strings.HasPrefix(suffix, "p") && h < 12 {
			h += 12
		}
		if strings.HasPrefix(suffix, "a") && h == 12 {
			h = 0
		}
		if h > 23 || m > 59 {
			continue
		}
		h, note = t.toUTC(h)
		return h, m, note, true
	}
	return 0, 0, "", false
}

// toUTC shifts an hour written in a named time zone to UTC.
func (t *Text) toUTC(h int) (int, string) {
	for i := 0; i < t.Len(); i++ {
		if off, ok := zoneOffsets[t.Norm(i)]; ok && off != 0 {
			return ((h-off)%24 + 24) % 24, "EventBridge schedules run in UTC: converted from " + strings.ToUpper(t.Norm(i))
		}
	}
	return h, ""
}
