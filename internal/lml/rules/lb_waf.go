package rules

import "github.com/syncloud/syncloud/internal/spec"

// wafRuleGroups are the AWS managed rule groups a web ACL starts with: the
// common protections and known bad inputs.
var wafRuleGroups = []string{"AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet"}

// addWAF protects an ALB with a regional WAF web ACL when the prompt asks
// for one ("an ALB with a WAF", "behind a web application firewall").
func addWAF(c *Ctx, lb spec.Address) {
	t := c.T
	k := t.Find(0, "waf", "wafv2")
	if k < 0 {
		if k = t.Phrase(0, "web application firewall"); k < 0 {
			return
		}
	}
	if t.Is(k-1, "no", "without") {
		return
	}
	c.Claim(k, k+3)
	acl := spec.Resource{Type: "aws_wafv2_web_acl", Name: lb.Name}
	acl.Body.Set("name", spec.String(ResourceName(lb.Name, 100)+"-waf"))
	acl.Body.Set("scope", spec.String("REGIONAL"))
	acl.Body.AddBlock("default_action").AddBlock("allow")
	for i, g := range wafRuleGroups {
		r := acl.Body.AddBlock("rule")
		r.Set("name", spec.String(g))
		r.Set("priority", spec.Int(i+1))
		r.AddBlock("override_action").AddBlock("none")
		m := r.AddBlock("statement").AddBlock("managed_rule_group_statement")
		m.Set("name", spec.String(g))
		m.Set("vendor_name", spec.String("AWS"))
		wafVisibility(r, g)
	}
	wafVisibility(&acl.Body, ResourceName(lb.Name, 100)+"-waf")
	addr := c.Add(acl)
	as := spec.Resource{Type: "aws_wafv2_web_acl_association", Name: lb.Name}
	as.Body.Set("resource_arn", spec.RefTo(lb, "arn"))
	as.Body.Set("web_acl_arn", spec.RefTo(addr, "arn"))
	c.Add(as)
	c.Understand("WAF web ACL on the load balancer with the AWS managed common and known-bad-inputs rules")
	c.Assume(addr.String(), "requests are allowed unless an AWS managed rule blocks them")
}

// wafVisibility turns on metrics and sampled requests under a name.
func wafVisibility(b *spec.Body, metric string) {
	v := b.AddBlock("visibility_config")
	v.Set("cloudwatch_metrics_enabled", spec.Bool(true))
	v.Set("metric_name", spec.String(metric))
	v.Set("sampled_requests_enabled", spec.Bool(true))
}
