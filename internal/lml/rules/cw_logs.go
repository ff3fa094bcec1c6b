package rules

import (
	"regexp"

	"github.com/syncloud/syncloud/internal/spec"
)

// logGroupRec is a CloudWatch log group placed by the app families.
type logGroupRec struct {
	addr  spec.Address
	at    int
	kms   bool // the prompt asked for it to be encrypted with a KMS key
	owned bool // a function's or a task's own group
}

// validRetention lists the retention periods CloudWatch Logs accepts, in days.
var validRetention = []int{1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653}

// RetentionDays rounds a period up to the nearest retention CloudWatch Logs
// accepts ("1 year" → 365, "45 days" → 60).
func RetentionDays(days int) int {
	for _, v := range validRetention {
		if days <= v {
			return v
		}
	}
	return validRetention[len(validRetention)-1]
}

// logRetention reads the retention written near token at ("keeps logs for 7
// days", "30-day retention", "retained for 1 year"), or assumes 30 days.
func logRetention(c *Ctx, at int, path string) int {
	t := c.T
	for _, k := range t.FindAll("retention", "retain", "retains", "retained", "keep", "keeps", "kept", "keeping", "expire", "expires", "for") {
		if k < at-12 || k > at+14 {
			continue
		}
		if s, d, ok := t.DurationNear(k, 4); ok && !c.Claimed(d) && s >= 86400 {
			c.Claim(d, d+1)
			c.Claim(k, k+1)
			return RetentionDays(Days(s))
		}
	}
	if t.Has("forever", "indefinitely") {
		return 0
	}
	c.Assume(path+".retention_in_days", "no log retention named: keeping logs for 30 days")
	return 30
}

var logGroupNameRe = regexp.MustCompile(`^/?[A-Za-z0-9_.#/-]+$`)

// logGroupMentions returns the token of "group" in each "log group" phrase.
func logGroupMentions(t *Text) []int {
	var out []int
	for k := t.Phrase(0, "log|logs group|groups"); k >= 0; k = t.Phrase(k+2, "log|logs group|groups") {
		out = append(out, k+1)
	}
	return out
}

// declareLogGroups places standalone log groups ("log group /app/api with
// 30-day retention"). Groups of functions and tasks are their families'.
func (a *appState) declareLogGroups(c *Ctx) {
	t := c.T
	if t.Has("lambda", "lambdas", "fargate", "ecs", "container", "containers") || t.HasPhrase("metric filter") {
		return
	}
	for _, g := range logGroupMentions(t) {
		name, k := logGroupName(t, g)
		names := []string{name}
		for _, more := range morePathNames(t, k) {
			names = append(names, more.Value)
			c.Claim(more.At, more.At+1)
		}
		retention := -1
		for _, name := range names {
			r := spec.Resource{Type: "aws_cloudwatch_log_group", Name: "logs"}
			if name != "" {
				r.Name = name
				r.Body.Set("name", spec.String(name))
			} else {
				r.Body.Set("name_prefix", spec.String("logs-"))
			}
			if retention < 0 {
				retention = logRetention(c, g, "aws_cloudwatch_log_group."+LocalName(r.Name))
			}
			r.Body.Set("retention_in_days", spec.Int(retention))
			addr := c.Add(r)
			kms := t.Near(g, 10, "kms", "cmk") >= 0
			a.logGroups = append(a.logGroups, logGroupRec{addr: addr, at: g, kms: kms})
			c.Understand("CloudWatch log group %s", name)
		}
		if k >= 0 {
			c.Claim(k, k+1)
		}
		c.Claim(g-1, g+1)
		c.claimWords("cloudwatch")
	}
}

// morePathNames reads the further group names listed after the name at k:
// "log groups /ecs/web and /ecs/worker", "/a, /b and /c".
func morePathNames(t *Text, k int) []Located[string] {
	if k < 0 || !isLogPath(t.Raw(k)) {
		return nil
	}
	var out []Located[string]
	for i := k + 1; i+1 < t.Len(); i++ {
		switch {
		case t.Is(i, "and", "&", "plus") && isLogPath(t.Raw(i+1)):
			i++
		case t.isListComma(i-1) && isLogPath(t.Raw(i)):
		default:
			return out
		}
		out = append(out, Located[string]{At: i, Value: t.Raw(i)})
		if t.Toks[i].Break && !t.isListComma(i) {
			return out
		}
	}
	return out
}

func isLogPath(s string) bool { return len(s) > 1 && s[0] == '/' && logGroupNameRe.MatchString(s) }

// logGroupName finds the group's name: "/app/api log group", "log group
// /app/api", "log group named audit".
func logGroupName(t *Text, g int) (string, int) {
	if n := t.Raw(g - 2); len(n) > 1 && n[0] == '/' && logGroupNameRe.MatchString(n) {
		return n, g - 2
	}
	if n, k, ok := t.NameNear(g, true); ok && logGroupNameRe.MatchString(n) {
		return n, k
	}
	for k := g + 1; k < t.Len() && k <= g+6; k++ {
		if isLogPath(t.Raw(k)) {
			return t.Raw(k), k // "log group for the API at /aws/apigateway/orders-api"
		}
		if t.Toks[k].Break {
			break
		}
	}
	return "", -1
}

// linkLogGroups encrypts log groups with the stack's KMS key when asked,
// adding a key that CloudWatch Logs may use if there is none.
func (a *appState) linkLogGroups(c *Ctx) {
	for _, g := range a.logGroups {
		if !g.kms {
			continue
		}
		key := c.First("aws_kms_key")
		var addr spec.Address
		if key == nil {
			addr = a.logsKey(c)
		} else {
			addr = key.Addr()
		}
		c.Res(g.addr).Body.Set("kms_key_id", spec.RefTo(addr, "arn"))
		c.claimWords("kms", "cmk", "key", "encrypted", "encryption")
		c.Understand("log group %s encrypted with KMS key %s", g.addr.Name, addr.Name)
	}
}

// logsKey adds a customer managed key whose policy lets the account
// administer it and CloudWatch Logs in this region use it.
func (a *appState) logsKey(c *Ctx) spec.Address {
	caller := a.callerIdentity(c)
	doc := spec.Resource{Mode: spec.Data, Type: "aws_iam_policy_document", Name: "logs_key"}
	admin := doc.Body.AddBlock("statement")
	admin.Set("sid", spec.String("AccountAdmin"))
	admin.Set("actions", spec.Strings("kms:*"))
	admin.Set("resources", spec.Strings("*"))
	ap := admin.AddBlock("principals")
	ap.Set("type", spec.String("AWS"))
	ap.Set("identifiers", spec.List(spec.RefTo(caller, "account_id")))
	use := doc.Body.AddBlock("statement")
	use.Set("sid", spec.String("CloudWatchLogs"))
	use.Set("actions", spec.Strings("kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"))
	use.Set("resources", spec.Strings("*"))
	up := use.AddBlock("principals")
	up.Set("type", spec.String("Service"))
	up.Set("identifiers", spec.Strings("logs."+c.Region()+".amazonaws.com"))
	docAddr := c.Add(doc)
	k := spec.Resource{Type: "aws_kms_key", Name: "logs"}
	k.Body.Set("description", spec.String("CloudWatch Logs encryption"))
	k.Body.Set("enable_key_rotation", spec.Bool(true))
	k.Body.Set("policy", spec.RefTo(docAddr, "json"))
	addr := c.Add(k)
	c.Understand("KMS key %s for log encryption (rotation on)", addr.Name)
	return addr
}
