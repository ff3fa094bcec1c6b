package rules

import (
	"fmt"

	"github.com/syncloud/syncloud/internal/spec"
)

// scaleStep is one CPU threshold the prompt scales on: "adds an instance
// when CPU goes above 70%" (dir +1), "removes one below 30%" (dir -1).
type scaleStep struct {
	dir    int
	pct    float64
	adjust int
}

// cpuAboveWords and cpuBelowWords give a threshold its direction.
var (
	cpuAboveWords = []string{"above", "over", "exceeds", "exceed", "exceeding", "greater", "higher", "more", ">", "past", "tops"}
	cpuBelowWords = []string{"below", "under", "less", "lower", "<", "beneath"}
	// cpuTargetWords make a percentage a target to hold, for target tracking.
	cpuTargetWords = []string{"keep", "keeps", "keeping", "maintain", "maintains", "hold", "holds", "target", "targets", "around", "tracking"}
)

// addThresholdScaling adds simple scaling policies, each driven by a
// CloudWatch alarm on the group's average CPU, when the prompt scales at
// thresholds ("adds an instance when CPU goes above 70% and removes one when
// it falls below 30%", "scale out over 80% CPU"). It reports whether it did,
// so that no target tracking policy is added as well.
func addThresholdScaling(c *Ctx, g *ec2Group, asg spec.Address) bool {
	t := c.T
	k := t.Find(g.from, "cpu", "cpuutilization")
	if k < 0 || t.Near(k, 6, cpuTargetWords...) >= 0 {
		return false
	}
	var steps []scaleStep
	for j := g.from; j < t.Len(); j++ {
		dir := 0
		switch {
		case t.Is(j, cpuAboveWords...):
			dir = 1
		case t.Is(j, cpuBelowWords...):
			dir = -1
		}
		pct, at, ok := percentNear(t, j+1, 2)
		if dir == 0 || !ok || pct <= 0 || pct > 100 {
			continue
		}
		c.Claim(j, at+1)
		steps = append(steps, scaleStep{dir: dir, pct: pct, adjust: dir * adjustmentBefore(c, j)})
	}
	if len(steps) == 0 {
		return false
	}
	c.Claim(k, k+1)
	for _, s := range steps {
		addStepPolicy(c, asg, s)
	}
	return true
}

// adjustmentBefore reads how many instances a step adds or removes, said
// before its threshold ("adds two instances when", "scale out by 3"), else 1.
func adjustmentBefore(c *Ctx, j int) int {
	t := c.T
	from, _ := t.Clause(j)
	for k := j - 1; k >= from && k >= j-8; k-- {
		f, ok := t.Number(k, false)
		if ok && f >= 1 && f <= 100 && (t.Is(k+1, "instance", "instances", "node", "nodes", "server", "servers") || t.Is(k-1, "by")) {
			c.Claim(k, k+1)
			return int(f)
		}
	}
	return 1
}

// addStepPolicy adds one simple scaling policy and the alarm that runs it.
func addStepPolicy(c *Ctx, asg spec.Address, s scaleStep) {
	name, cmp := "scale-out", "GreaterThanThreshold"
	if s.dir < 0 {
		name, cmp = "scale-in", "LessThanThreshold"
	}
	p := spec.Resource{Type: "aws_autoscaling_policy", Name: name}
	p.Body.Set("name", spec.String(fmt.Sprintf("%s-cpu-%g", name, s.pct)))
	p.Body.Set("autoscaling_group_name", spec.RefTo(asg, "name"))
	p.Body.Set("policy_type", spec.String("SimpleScaling"))
	p.Body.Set("adjustment_type", spec.String("ChangeInCapacity"))
	p.Body.Set("scaling_adjustment", spec.Int(s.adjust))
	p.Body.Set("cooldown", spec.Int(300))
	pol := c.Add(p)
	a := spec.Resource{Type: "aws_cloudwatch_metric_alarm", Name: "cpu-" + name}
	a.Body.Set("alarm_name", spec.String(fmt.Sprintf("cpu-%s-%g", name, s.pct)))
	a.Body.Set("alarm_description", spec.String(fmt.Sprintf("average CPU of the group %s %g%%", map[int]string{1: "above", -1: "below"}[s.dir], s.pct)))
	a.Body.Set("namespace", spec.String("AWS/EC2"))
	a.Body.Set("metric_name", spec.String("CPUUtilization"))
	a.Body.Set("dimensions", spec.Map(map[string]spec.Value{"AutoScalingGroupName": spec.RefTo(asg, "name")}))
	a.Body.Set("statistic", spec.String("Average"))
	a.Body.Set("period", spec.Int(300))
	a.Body.Set("evaluation_periods", spec.Int(2))
	a.Body.Set("threshold", spec.Number(s.pct))
	a.Body.Set("comparison_operator", spec.String(cmp))
	a.Body.Set("alarm_actions", spec.List(spec.RefTo(pol, "arn")))
	c.Add(a)
	c.Assume(pol.String(), "the alarm fires after two 5-minute periods past %g%%; the group waits 300 s between steps", s.pct)
	c.Understand("simple scaling: %+d instance(s) when average CPU is %s %g%%", s.adjust, map[int]string{1: "above", -1: "below"}[s.dir], s.pct)
}
