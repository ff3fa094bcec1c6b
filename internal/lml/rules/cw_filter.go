package rules

import (
	"strings"

	"github.com/syncloud/syncloud/internal/spec"
)

// declareMetricFilters places metric filters: "count ERROR lines in the
// /app/web log group with a metric filter (metric ErrorCount in namespace
// App)".
func (a *appState) declareMetricFilters(c *Ctx) {
	t := c.T
	k := t.Phrase(0, "metric filter|filters")
	if k < 0 {
		return
	}
	c.Claim(k, k+2)
	group := filterLogGroup(c)
	if group.Kind == spec.KindNull {
		c.Unplaced("metric filter without a log group")
		return
	}
	pattern := filterPattern(c)
	metric, ns := "MatchCount", "Custom"
	if m := t.Find(0, "metric"); m >= 0 {
		for i := m; i >= 0 && i < t.Len(); i = t.Find(i+1, "metric") {
			if !t.Is(i+1, "filter", "filters", "name", "named", "called", "in", "namespace") {
				metric = t.Raw(i + 1)
				c.Claim(i, i+2)
				break
			}
			if t.Is(i+1, "name", "named", "called") {
				metric = t.Raw(i + 2)
				c.Claim(i, i+3)
				break
			}
		}
	}
	if n := t.Find(0, "namespace"); n >= 0 && n+1 < t.Len() {
		ns = t.Raw(n + 1)
		c.Claim(n, n+2)
	}
	f := spec.Resource{Type: "aws_cloudwatch_log_metric_filter", Name: LocalName(metric)}
	f.Body.Set("name", spec.String(ResourceName(metric, 512)))
	f.Body.Set("log_group_name", group)
	f.Body.Set("pattern", spec.String(pattern))
	mt := f.Body.AddBlock("metric_transformation")
	mt.Set("name", spec.String(ResourceName(metric, 255)))
	mt.Set("namespace", spec.String(ResourceName(ns, 255)))
	mt.Set("value", spec.String("1"))
	c.Add(f)
	c.Understand("metric filter %s counting %q into %s/%s", metric, pattern, ns, metric)
}

// filterLogGroup finds the group filtered: one placed in the stack, or a
// name written like "/app/web".
func filterLogGroup(c *Ctx) spec.Value {
	if gs := c.Stack.OfType("aws_cloudwatch_log_group"); len(gs) > 0 {
		return spec.RefTo(gs[0].Addr(), "name")
	}
	for i, tok := range c.T.Toks {
		if strings.HasPrefix(tok.Raw, "/") && len(tok.Raw) > 1 && logGroupNameRe.MatchString(tok.Raw) {
			c.Claim(i, i+1)
			return spec.String(tok.Raw)
		}
	}
	if k := c.T.Phrase(0, "log group"); k >= 0 {
		if n, at, ok := c.T.NameNear(k+1, true); ok {
			c.Claim(at, at+1)
			return spec.String(n)
		}
	}
	return spec.Null()
}

// filterPattern reads what to count: a quoted pattern, an upper-case word
// after "count" ("ERROR"), or the word after "containing" or "matching"
// ("lines containing Exception").
func filterPattern(c *Ctx) string {
	t := c.T
	for i, tok := range t.Toks {
		if tok.Quoted && t.Near(i, 4, "pattern", "count", "counting", "matching", "lines", "containing") >= 0 {
			c.Claim(i, i+1)
			return tok.Raw
		}
	}
	for _, k := range t.FindAll("count", "counts", "counting", "matching", "containing", "match", "contain", "contains", "mentioning") {
		j := k + 1
		for t.Is(j, "the", "word", "string", "text", "term") {
			j++
		}
		w := t.Raw(j)
		if w == "" || !isWord(w) || t.Is(j, dataFillers...) || t.Is(j, "lines", "line", "entries", "events", "messages", "log", "logs") {
			continue
		}
		// after "containing" any word is the pattern; after "count" only
		// a word written as a token would be ("Count ERROR lines").
		if t.Is(k, "count", "counts", "counting") && strings.ToUpper(w) != w {
			continue
		}
		c.Claim(j, j+1)
		return w
	}
	c.Assume("aws_cloudwatch_log_metric_filter.pattern", "no pattern named: counting lines containing ERROR")
	return "ERROR"
}
