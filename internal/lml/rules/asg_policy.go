package rules

import (
	"fmt"

	"github.com/syncloud/syncloud/internal/spec"
)

// addTargetTracking adds a target tracking policy when the prompt asks to
// keep a metric at a value ("keeps average CPU at 60%", "scale on CPU 70%").
func addTargetTracking(c *Ctx, g *ec2Group, asg spec.Address) {
	if addRequestTracking(c, g, asg) {
		return
	}
	t := c.T
	k := -1
	for j := g.from; j < t.Len(); j++ {
		if t.Is(j, "cpu", "cpuutilization") || t.Phrase(j, "target tracking") == j {
			k = j
			break
		}
	}
	if k < 0 {
		return
	}
	pct, at, ok := percentNear(t, max(k-4, 0), 12)
	if ok && (pct <= 0 || pct > 100) {
		return
	}
	if !ok {
		pct = 50
		c.Assume("aws_autoscaling_policy.cpu_target", "no CPU target named: keep average CPU at 50%%")
	} else {
		c.Claim(at, at+1)
	}
	c.Claim(k, k+1)
	c.Add(targetTracking("cpu_target", fmt.Sprintf("cpu-%g", pct), asg, "ASGAverageCPUUtilization", pct))
	if t.Phrase(0, "target tracking") < 0 {
		c.Assume("aws_autoscaling_policy.cpu_target", "scaling on CPU read as target tracking at %g%%", pct)
	}
	c.Understand("target tracking: average CPU at %g%%", pct)
}

// addRequestTracking adds a target tracking policy on the load balancer's
// requests per target ("target tracking on ALB request count of 1000 per
// target", "scale to keep 500 requests per instance"). Its resource label
// names the load balancer and target group, set in linkLB once they exist.
func addRequestTracking(c *Ctx, g *ec2Group, asg spec.Address) bool {
	t := c.T
	k := t.Phrase(g.from, "request|requests count|per")
	if k < 0 || !t.Has("alb", "elb", "lb", "balancer", "load-balancer") {
		return false // requests are counted at a load balancer
	}
	n, at, ok := t.NumberNear(k, 5)
	if !ok || n <= 0 {
		n, at, ok = t.NumberBefore(k, 2)
	}
	if !ok || n <= 0 {
		return false
	}
	c.Claim(k, k+2)
	c.Claim(at, at+1)
	c.Add(targetTracking("requests_target", fmt.Sprintf("requests-%d-per-target", n), asg, "ALBRequestCountPerTarget", float64(n)))
	c.Understand("target tracking: %d requests per target", n)
	return true
}

// labelRequestTracking names the load balancer and target group in the
// resource label of request-count policies.
func labelRequestTracking(c *Ctx, lb, tg spec.Address) {
	for _, p := range c.Stack.OfType("aws_autoscaling_policy") {
		for _, tt := range p.Body.BlocksOf("target_tracking_configuration") {
			for _, m := range tt.BlocksOf("predefined_metric_specification") {
				if v, _ := m.Get("predefined_metric_type"); v.Str == "ALBRequestCountPerTarget" {
					m.Set("resource_label", spec.Concat(spec.RefTo(lb, "arn_suffix"), spec.String("/"), spec.RefTo(tg, "arn_suffix")))
				}
			}
		}
	}
}

// addSchedules adds a scheduled action for every time of day the prompt
// names with a capacity ("scales out to 4 at 08:00 on weekdays and back to 0
// at 20:00").
func addSchedules(c *Ctx, g *ec2Group, asg spec.Address) {
	t := c.T
	days := cronDays(t, g.from, t.Len())
	minV, _ := c.Res(asg).Body.Get("min_size")
	maxV, _ := c.Res(asg).Body.Get("max_size")
	for j := g.from; j < t.Len(); j++ {
		h, m, used, ok := clockTime(t, j)
		if !ok {
			continue
		}
		want := capacityBefore(c, j)
		if want < 0 {
			continue
		}
		c.Claim(j, j+used)
		s := spec.Resource{Type: "aws_autoscaling_schedule", Name: fmt.Sprintf("at_%02d%02d", h, m)}
		s.Body.Set("scheduled_action_name", spec.String(fmt.Sprintf("scale-to-%d-at-%02d%02d", want, h, m)))
		s.Body.Set("autoscaling_group_name", spec.RefTo(asg, "name"))
		s.Body.Set("recurrence", spec.String(fmt.Sprintf("%d %d * * %s", m, h, days)))
		s.Body.Set("desired_capacity", spec.Int(want))
		if want < int(minV.Num) {
			s.Body.Set("min_size", spec.Int(want))
		}
		if want > int(maxV.Num) {
			maxV = spec.Int(want)
			c.Res(asg).Body.Set("max_size", maxV)
			c.Assume("aws_autoscaling_group.max_size", "raised to %d so the schedule fits", want)
		}
		s.Body.Set("time_zone", spec.String("Etc/UTC"))
		c.Add(s)
		c.Understand("scheduled action: %d instances at %02d:%02d UTC (%s)", want, h, m, days)
		j += used - 1
	}
}

// capacityBefore reads "to 4" or "4 instances" just before a time at j.
func capacityBefore(c *Ctx, j int) int {
	t := c.T
	for k := j - 1; k >= j-5 && k >= 0; k-- {
		if t.Is(k, "to") {
			if f, ok := t.Number(k+1, true); ok && f >= 0 && f == float64(int(f)) {
				c.Claim(k, k+2)
				return int(f)
			}
		}
		if f, ok := t.Number(k, true); ok && f >= 0 && t.Is(k+1, "instances", "instance", "nodes", "servers") {
			return int(f)
		}
	}
	return -1
}

// targetTracking is a target tracking policy of the group asg that keeps
// the predefined metric at value.
func targetTracking(label, name string, asg spec.Address, metric string, value float64) spec.Resource {
	p := spec.Resource{Type: "aws_autoscaling_policy", Name: label}
	p.Body.Set("name", spec.String(name))
	p.Body.Set("autoscaling_group_name", spec.RefTo(asg, "name"))
	p.Body.Set("policy_type", spec.String("TargetTrackingScaling"))
	tt := p.Body.AddBlock("target_tracking_configuration")
	tt.AddBlock("predefined_metric_specification").Set("predefined_metric_type", spec.String(metric))
	tt.Set("target_value", spec.Number(value))
	return p
}
