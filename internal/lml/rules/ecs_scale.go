package rules

import (
	"github.com/syncloud/syncloud/internal/spec"
)

// albListeners adds the listeners: HTTP forwarding to the target group, or
// with HTTPS, an HTTPS listener with an ACM certificate and HTTP
// redirecting to it.
func (a *appState) albListeners(c *Ctx, lb, tg spec.Address, https bool) {
	http := spec.Resource{Type: "aws_lb_listener", Name: "http"}
	http.Body.Set("load_balancer_arn", spec.RefTo(lb, "arn"))
	http.Body.Set("port", spec.Int(80))
	http.Body.Set("protocol", spec.String("HTTP"))
	act := http.Body.AddBlock("default_action")
	if !https {
		act.Set("type", spec.String("forward"))
		act.Set("target_group_arn", spec.RefTo(tg, "arn"))
		c.Add(http)
		return
	}
	act.Set("type", spec.String("redirect"))
	rd := act.AddBlock("redirect")
	rd.Set("port", spec.String("443"))
	rd.Set("protocol", spec.String("HTTPS"))
	rd.Set("status_code", spec.String("HTTP_301"))
	c.Add(http)
	domain := "example.com"
	if ds := c.T.Domains(); len(ds) > 0 {
		domain = ds[0].Value
		c.Claim(ds[0].At, ds[0].At+1)
	} else {
		c.Assume("aws_acm_certificate.domain_name", "no domain named for the certificate: using example.com, change it before applying")
	}
	cert := c.appCertificate(domain, nil, "")
	l := spec.Resource{Type: "aws_lb_listener", Name: "https"}
	l.Body.Set("load_balancer_arn", spec.RefTo(lb, "arn"))
	l.Body.Set("port", spec.Int(443))
	l.Body.Set("protocol", spec.String("HTTPS"))
	l.Body.Set("ssl_policy", spec.String("ELBSecurityPolicy-TLS13-1-2-2021-06"))
	l.Body.Set("certificate_arn", spec.RefTo(cert, "arn"))
	fa := l.Body.AddBlock("default_action")
	fa.Set("type", spec.String("forward"))
	fa.Set("target_group_arn", spec.RefTo(tg, "arn"))
	c.Add(l)
	c.Understand("HTTPS listener on 443 with an ACM certificate for %s; HTTP redirects to HTTPS", domain)
}

// scaleCeiling reads the most a service scales to when only that is said:
// "scales up to 8", "scale out to a maximum of 12".
func scaleCeiling(t *Text) (int, bool) {
	for _, k := range t.FindAll("scale", "scales", "scaling") {
		for j := k + 1; j <= k+5 && j+1 < t.Len(); j++ {
			if t.Is(j, "to", "max", "maximum") {
				if n, _, ok := t.NumberNear(j, 2); ok && n > 0 && n <= 1000 {
					return n, true
				}
			}
		}
	}
	return 0, false
}

// ecsAutoscaling adds target tracking on the service's CPU (or memory):
// "autoscales between 2 and 10 tasks to keep CPU around 70%".
func (a *appState) ecsAutoscaling(c *Ctx) {
	t := c.T
	cs := a.ecs.container
	lo, hi, ok := t.ScaleRange()
	if top, capped := scaleCeiling(t); !ok && capped && top > a.ecs.desired {
		lo, hi, ok = a.ecs.desired, top, true // "2 tasks that scale up to 8"
	}
	if !ok {
		lo, hi = a.ecs.desired, a.ecs.desired*4
		c.Assume("aws_appautoscaling_target.min_capacity", "no range named: scaling between %d and %d tasks", lo, hi)
	}
	cluster := c.Res(a.ecs.cluster)
	cname, _ := cluster.Body.Get("name")
	sname, _ := c.Res(*a.ecs.service).Body.Get("name")
	tr := spec.Resource{Type: "aws_appautoscaling_target", Name: LocalName(cs.name)}
	tr.Body.Set("service_namespace", spec.String("ecs"))
	tr.Body.Set("resource_id", spec.String("service/"+cname.Str+"/"+sname.Str))
	tr.Body.Set("scalable_dimension", spec.String("ecs:service:DesiredCount"))
	tr.Body.Set("min_capacity", spec.Int(lo))
	tr.Body.Set("max_capacity", spec.Int(hi))
	tr.DependsOn = []spec.Address{*a.ecs.service}
	ta := c.Add(tr)
	metric, target := "ECSServiceAverageCPUUtilization", 70.0
	if k := t.Find(0, "memory", "ram"); k >= 0 && t.Find(0, "cpu") < 0 {
		metric = "ECSServiceAverageMemoryUtilization"
	}
	if k := t.Find(0, "cpu", "memory", "ram", "utilization"); k >= 0 {
		if v, at, ok := t.PercentNear(k, 5); ok {
			target = v
			c.Claim(at, at+1)
		} else {
			c.Assume("aws_appautoscaling_policy.target_value", "keeping average utilization around 70%%")
		}
	}
	p := spec.Resource{Type: "aws_appautoscaling_policy", Name: LocalName(cs.name)}
	p.Body.Set("name", spec.String(ResourceName(cs.name, 200)+"-target-tracking"))
	p.Body.Set("policy_type", spec.String("TargetTrackingScaling"))
	p.Body.Set("resource_id", spec.RefTo(ta, "resource_id"))
	p.Body.Set("scalable_dimension", spec.RefTo(ta, "scalable_dimension"))
	p.Body.Set("service_namespace", spec.RefTo(ta, "service_namespace"))
	cfg := p.Body.AddBlock("target_tracking_scaling_policy_configuration")
	cfg.Set("target_value", spec.Number(target))
	cfg.AddBlock("predefined_metric_specification").Set("predefined_metric_type", spec.String(metric))
	c.Add(p)
	c.claimWords("autoscale", "autoscales", "autoscaling", "scale", "scales", "scaling")
	c.Understand("service %s scales between %d and %d tasks on %s", cs.name, lo, hi, metric)
}
