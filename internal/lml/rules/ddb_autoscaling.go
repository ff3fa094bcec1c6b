package rules

import (
	"github.com/syncloud/syncloud/internal/spec"
)

// Auto scaling of a provisioned table's capacity: "provisioned, auto
// scaling reads between 5 and 100 units", target tracking at 70 %
// utilisation through Application Auto Scaling.

// tableAutoscaling adds scaling targets and policies for the table at
// addr when the prompt asks for auto scaling.
func (c *Ctx) tableAutoscaling(addr spec.Address, name string) {
	i := c.T.Find(0, "autoscaling", "auto-scaling", "autoscale", "autoscales")
	if i < 0 {
		i = c.T.Phrase(0, "auto scale|scaling|scales")
	}
	r := c.Res(addr)
	if v, _ := r.Body.Get("billing_mode"); i < 0 || v.Str != "PROVISIONED" {
		return
	}
	c.Claim(i, i+2)
	lo, hi := c.scalingRange(i, r)
	reads, writes := c.scaledDimensions(i)
	if reads {
		c.scaleDimension(addr, name, "Read", lo, hi)
	}
	if writes {
		c.scaleDimension(addr, name, "Write", lo, hi)
	}
}

// scaledDimensions reads which capacity scales: the one named closest to
// the scaling words, both when both are as close or neither is named.
func (c *Ctx) scaledDimensions(i int) (reads, writes bool) {
	r := c.T.Near(i, 6, "read", "reads", "rcu")
	w := c.T.Near(i, 6, "write", "writes", "wcu")
	dr, dw := dataAbs(r-i), dataAbs(w-i)
	joined := r >= 0 && w >= 0 && dataAbs(r-w) == 2 && c.T.Is(min(r, w)+1, "and", "&", "or")
	switch {
	case r < 0 && w < 0, r >= 0 && w >= 0 && dataAbs(dr-dw) <= 1, joined: // "read and write capacity"
		return true, true
	case w < 0 || r >= 0 && dr < dw:
		return true, false
	}
	return false, true
}

// scalingRange reads "between 5 and 100", "up to 200"; the table's own
// capacity is the floor when no minimum is given.
func (c *Ctx) scalingRange(i int, r *spec.Resource) (lo, hi int) {
	rc, _ := r.Body.Get("read_capacity")
	lo, hi = max(int(rc.Num), 1), 0
	var nums []int
	for k := i + 1; k < c.T.Len() && k <= i+10 && len(nums) < 2; k++ {
		if f, ok := c.T.Number(k, true); ok && f >= 1 && !c.T.isUnitAfter(k) {
			nums = append(nums, int(f))
		}
	}
	switch len(nums) {
	case 2:
		lo, hi = min(nums[0], nums[1]), max(nums[0], nums[1])
	case 1:
		hi = nums[0]
	}
	if hi <= lo {
		hi = lo * 10
		c.Assume("aws_appautoscaling_target.max_capacity", "no ceiling named: scaling up to %d units", hi)
	}
	return lo, hi
}

// scaleDimension adds one scalable target ("Read" or "Write") and its
// target-tracking policy.
func (c *Ctx) scaleDimension(table spec.Address, name, dim string, lo, hi int) {
	t := spec.Resource{Type: "aws_appautoscaling_target", Name: table.Name + "_" + LocalName(dim)}
	t.Body.Set("min_capacity", spec.Int(lo))
	t.Body.Set("max_capacity", spec.Int(hi))
	t.Body.Set("resource_id", spec.String("table/"+name))
	t.Body.Set("scalable_dimension", spec.String("dynamodb:table:"+dim+"CapacityUnits"))
	t.Body.Set("service_namespace", spec.String("dynamodb"))
	t.DependsOn = []spec.Address{table}
	ta := c.Add(t)
	p := spec.Resource{Type: "aws_appautoscaling_policy", Name: ta.Name}
	p.Body.Set("name", spec.String(ResourceName("DynamoDB"+dim+"CapacityUtilization:"+name, 255)))
	p.Body.Set("policy_type", spec.String("TargetTrackingScaling"))
	p.Body.Set("resource_id", spec.RefTo(ta, "resource_id"))
	p.Body.Set("scalable_dimension", spec.RefTo(ta, "scalable_dimension"))
	p.Body.Set("service_namespace", spec.RefTo(ta, "service_namespace"))
	tt := p.Body.AddBlock("target_tracking_scaling_policy_configuration")
	tt.Set("target_value", spec.Int(70))
	tt.AddBlock("predefined_metric_specification").Set("predefined_metric_type",
		spec.String("DynamoDB"+dim+"CapacityUtilization"))
	c.Add(p)
	c.Understand("%s capacity of %s scales between %d and %d units (70%% target)", dim, table, lo, hi)
}
