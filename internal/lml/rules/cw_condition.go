package rules

import (
	"strings"
)

var (
	aboveWords = []string{"above", "over", "exceeds", "exceed", "exceeding", "greater", "more", "higher", ">", "tops", "reaches", "hits",
		"passes", "crosses", "beyond"}
	belowWords = []string{"below", "under", "less", "lower", "fewer", "<", "drops", "falls"}
)

// notifyWords ask for someone to be told of something.
var notifyWords = []string{"email", "emails", "e-mail", "notify", "notifies", "alert", "alerts", "page", "pages",
	"text", "texts", "ping", "warn", "warns"}

// alarmAt returns the token asking for an alarm, or -1: the word alarm, or
// a notification on a threshold ("email ops@example.com if the queue holds
// more than 50 messages", "alert me when CPU goes above 90%").
func alarmAt(t *Text) (at int, explicit bool) {
	if k := t.Find(0, alarmWords...); k >= 0 {
		return k, true
	}
	if !t.Has(notifyWords...) {
		return -1, false
	}
	for _, k := range t.FindAll("if", "when", "whenever", "once") {
		for j := k + 1; j < t.Len() && j <= k+10; j++ {
			if t.Is(j, aboveWords...) || t.Is(j, belowWords...) {
				return k, false
			}
			if t.Toks[j].Break {
				break
			}
		}
	}
	return -1, false
}

// alarmCondition reads the threshold ("above 80%", "more than 100
// messages", "any messages") and how long it must hold ("for 5 minutes").
func (a *appState) alarmCondition(c *Ctx, ask *alarmAsk) {
	t := c.T
	from, to := ask.at-6, ask.at+8
	if ask.metric == "StatusCheckFailed" {
		ask.threshold, ask.comparison = 0, "GreaterThanThreshold"
	}
	for k := max(from, 0); k < min(to, t.Len()); k++ {
		below := t.Is(k, belowWords...)
		if !below && !t.Is(k, aboveWords...) && !t.Is(k, "any") {
			continue
		}
		if t.Is(k, "any") {
			ask.threshold, ask.comparison = 0, "GreaterThanThreshold"
			break
		}
		if v, at, ok := t.PercentNear(k+1, 2); ok && at > k {
			ask.threshold = v
			c.Claim(at, at+1)
		} else if s, at, ok := t.SizeNear(k+1, 3); ok && at > k && ask.metric == "FreeStorageSpace" {
			ask.threshold = s.MiB * 1024 * 1024
		} else if n, at, ok := t.NumberNear(k, 3); ok {
			ask.threshold = float64(n)
			c.Claim(at, at+1)
		} else {
			continue
		}
		ask.comparison = "GreaterThanThreshold"
		if below {
			ask.comparison = "LessThanThreshold"
		}
		if t.HasPhraseAt(k, "at least") || t.HasPhraseAt(k-1, "at least") {
			ask.comparison = "GreaterThanOrEqualToThreshold"
		}
		break
	}
	if ask.metric == "CPUUtilization" && ask.threshold == 0 {
		ask.threshold = 80
		c.Assume("aws_cloudwatch_metric_alarm."+ask.name+".threshold", "no CPU threshold named: alarming above 80%%")
	}
	ask.period, ask.evals = alarmWindow(c, ask)
}

// alarmWindow turns "for 5 minutes" into a period and a number of
// evaluation periods: whole 5-minute periods when it divides, else
// 1-minute periods.
func alarmWindow(c *Ctx, ask *alarmAsk) (period, evals int) {
	t := c.T
	for k := max(ask.at-4, 0); k < min(ask.at+14, t.Len()); k++ {
		if !t.Is(k, "for", "lasting", "sustained", "during", "over") {
			continue
		}
		if s, at, ok := t.DurationAt(k + 1); ok && s >= 60 {
			c.Claim(k, k+1+at)
			if s%300 == 0 {
				return 300, s / 300
			}
			return 60, max(1, s/60)
		}
	}
	if strings.HasPrefix(ask.namespace, "AWS/SQS") || ask.metric == "StatusCheckFailed" {
		return 60, 1
	}
	c.Assume("aws_cloudwatch_metric_alarm."+ask.name+".period", "no duration named: one 5-minute period")
	return 300, 1
}
