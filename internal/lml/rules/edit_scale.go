package rules

import (
	"strconv"

	"github.com/syncloud/syncloud/internal/spec"
)

// Edits of size: how many (scale to N), which class, how much storage, how
// long logs and backups are kept.

var scalableTypes = []string{"aws_instance", "aws_autoscaling_group", "aws_ecs_service", "aws_eks_node_group"}

// editScale sets how many of something run: "scale the web servers to 4",
// "set the service's desired count to 3".
func editScale(c *Ctx, s, e int) bool {
	verb := c.T.findIn(s, e, "scale", "increase", "decrease", "reduce", "grow", "shrink", "bump", "set", "change")
	if verb < 0 {
		return false
	}
	to := c.T.findIn(verb, e, "to")
	n, ok := c.T.Number(to+1, true)
	if to < 0 || !ok || n < 0 || n > 100 || n != float64(int(n)) || c.T.isUnitAfter(to+1) {
		return false
	}
	if _, named := c.refIn(s, e, scalableTypes...); !named && !c.T.Is(verb, "scale") {
		return false
	}
	addrs := c.target(s, e, "resource to scale", scalableTypes...)
	if len(addrs) > 1 {
		c.Unplaced(c.T.Span(s, e) + ": names " + strconv.Itoa(len(addrs)) + " resources; say which one to scale")
		return true
	}
	for _, a := range addrs {
		c.scaleTo(c.Res(a), int(n))
	}
	return true
}

func (c *Ctx) scaleTo(r *spec.Resource, n int) {
	switch r.Type {
	case "aws_instance":
		if n > 1 && c.referencedSingly(r.Addr()) {
			c.Unplaced("scale " + r.Addr().String() + " to " + strconv.Itoa(n) + ": other resources refer to it as a single instance")
			return
		}
		r.Count = n
		c.Understand("changed %s count -> %d", r.Addr(), n)
	case "aws_autoscaling_group":
		setCapacity(&r.Body, "desired_capacity", "min_size", "max_size", n)
		c.Understand("changed %s desired_capacity -> %d", r.Addr(), n)
	case "aws_ecs_service":
		r.Body.Set("desired_count", spec.Int(n))
		c.Understand("changed %s desired_count -> %d", r.Addr(), n)
	case "aws_eks_node_group":
		setCapacity(r.Body.EnsureBlock("scaling_config"), "desired_size", "min_size", "max_size", n)
		c.Understand("changed %s scaling_config.desired_size -> %d", r.Addr(), n)
	}
}

// setCapacity sets the desired size and widens min and max so that they
// still hold it.
func setCapacity(b *spec.Body, desired, minName, maxName string, n int) {
	b.Set(desired, spec.Int(n))
	if v, ok := b.Get(minName); ok && v.Kind == spec.KindNumber && int(v.Num) > n {
		b.Set(minName, spec.Int(n))
	}
	if v, ok := b.Get(maxName); !ok || v.Kind == spec.KindNumber && int(v.Num) < n {
		b.Set(maxName, spec.Int(n))
	}
}

// editClass changes an instance class: "make the database a db.r6g.large",
// "switch the web servers to t3.large".
func editClass(c *Ctx, s, e int) bool {
	for _, it := range c.T.InstanceTypes() {
		if it.At < s || it.At >= e {
			continue
		}
		typ, attr := "aws_instance", "instance_type"
		switch {
		case len(it.Value) > 3 && it.Value[:3] == "db.":
			typ, attr = "aws_db_instance", "instance_class"
		case len(it.Value) > 6 && it.Value[:6] == "cache.":
			return false
		}
		if len(c.Stack.OfType(typ)) == 0 || c.T.findIn(s, e, newDeterminers[1:]...) >= 0 && c.T.findIn(s, e, "make", "change", "switch", "resize", "upgrade", "downgrade", "move") < 0 {
			return false
		}
		for _, a := range c.target(s, e, "resource to resize", typ) {
			c.Res(a).Body.Set(attr, spec.String(it.Value))
			c.Understand("changed %s %s -> %s", a, attr, it.Value)
		}
		return true
	}
	return false
}

// editStorage changes a database's allocated storage: "give the database
// 100 GB of storage", "increase storage to 200 GB".
func editStorage(c *Ctx, s, e int) bool {
	if c.T.findIn(s, e, "storage", "disk") < 0 || len(c.Stack.OfType("aws_db_instance")) == 0 {
		return false
	}
	for _, sz := range c.T.Sizes() {
		if sz.At < s || sz.At >= e || sz.Value.GB() < 20 {
			continue
		}
		for _, a := range c.target(s, e, "database", "aws_db_instance") {
			c.Res(a).Body.Set("allocated_storage", spec.Int(sz.Value.GB()))
			c.Understand("changed %s allocated_storage -> %d", a, sz.Value.GB())
		}
		return true
	}
	return false
}

// editRetention changes how long logs or backups are kept: "keep the logs
// for 30 days", "set backup retention to 14 days".
func editRetention(c *Ctx, s, e int) bool {
	if c.T.findIn(s, e, "retention", "retain", "keep") < 0 {
		return false
	}
	for _, d := range c.T.Durations() {
		if d.At < s || d.At >= e {
			continue
		}
		days := Days(d.Value)
		if c.T.findIn(s, e, "backup", "backups") >= 0 && len(c.Stack.OfType("aws_db_instance")) > 0 {
			return c.setAttr(s, e, "database", "aws_db_instance", "backup_retention_period", days)
		}
		if len(c.Stack.OfType("aws_cloudwatch_log_group")) > 0 {
			return c.setAttr(s, e, "log group", "aws_cloudwatch_log_group", "retention_in_days", days)
		}
		return false
	}
	return false
}

func (c *Ctx) setAttr(s, e int, what, typ, attr string, n int) bool {
	for _, a := range c.target(s, e, what, typ) {
		c.Res(a).Body.Set(attr, spec.Int(n))
		c.Understand("changed %s %s -> %d", a, attr, n)
	}
	return true
}

// referencedSingly reports whether some resource refers to a as one
// uncounted instance (aws_instance.web.id), which a count would break.
func (c *Ctx) referencedSingly(a spec.Address) bool {
	single := func(v spec.Value) bool { return v.Kind == spec.KindRef && v.Ref.To == a && v.Ref.Index == spec.NoIndex }
	for i := range c.Stack.Resources {
		if anyValue(c.Stack.Resources[i].Body, single) {
			return true
		}
	}
	return false
}

// anyValue reports whether f holds for any value in a body, however deep.
func anyValue(b spec.Body, f func(spec.Value) bool) bool {
	for _, at := range b.Attrs {
		if valueAny(at.Value, f) {
			return true
		}
	}
	for _, blk := range b.Blocks {
		if anyValue(blk.Body, f) {
			return true
		}
	}
	return false
}

func valueAny(v spec.Value, f func(spec.Value) bool) bool {
	if f(v) {
		return true
	}
	for _, x := range append(append([]spec.Value{}, v.List...), v.JSON...) {
		if valueAny(x, f) {
			return true
		}
	}
	for _, en := range v.Map {
		if valueAny(en.Value, f) {
			return true
		}
	}
	return false
}
