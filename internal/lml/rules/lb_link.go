package rules

import (
	"github.com/syncloud/syncloud/internal/spec"
)

// linkLB registers the prompt's instances and Auto Scaling groups with the
// target group built by declareLB, and lets the load balancer's security
// group reach them on the target port.
func linkLB(c *Ctx) {
	lbs, tgs := c.Stack.OfType("aws_lb"), c.Stack.OfType("aws_lb_target_group")
	if len(lbs) == 0 || len(tgs) == 0 || tgs[0].Name != "app" {
		return
	}
	tg := tgs[0].Addr()
	tt, _ := tgs[0].Body.Get("target_type")
	port, _ := tgs[0].Body.Get("port")
	lbSGs, _ := lbs[0].Body.Get("security_groups")
	made := map[string]spec.Address{}
	labelRequestTracking(c, lbs[0].Addr(), tg)
	for _, a := range c.Addrs("aws_autoscaling_group") {
		asg := c.Res(a)
		asg.Body.Set("target_group_arns", spec.List(spec.RefTo(tg, "arn")))
		asg.Body.Set("health_check_type", spec.String("ELB"))
		allowFromLB(c, launchTemplateOf(c, asg), int(port.Num), lbSGs, made)
		c.Understand("Auto Scaling group %s registered with the target group", a.Name)
	}
	if tt.Str != "instance" {
		return
	}
	for _, a := range c.Addrs("aws_instance") {
		inst := c.Res(a)
		if a.Name == "bastion" {
			continue
		}
		n := max(inst.Count, 1)
		for i := 0; i < n; i++ {
			att := spec.Resource{Type: "aws_lb_target_group_attachment", Name: a.Name}
			att.Body.Set("target_group_arn", spec.RefTo(tg, "arn"))
			if n > 1 {
				att.Body.Set("target_id", spec.RefIndex(a, i, "id"))
			} else {
				att.Body.Set("target_id", spec.RefTo(a, "id"))
			}
			att.Body.Set("port", spec.Int(int(port.Num)))
			c.Add(att)
		}
		allowFromLB(c, c.Res(a), int(port.Num), lbSGs, made)
		c.Understand("%d × %s registered with the target group", n, a.Name)
	}
}

// launchTemplateOf returns the launch template an Auto Scaling group uses.
func launchTemplateOf(c *Ctx, asg *spec.Resource) *spec.Resource {
	lt := asg.Body.Block("launch_template")
	if lt == nil {
		return nil
	}
	id, _ := lt.Get("id")
	if id.Kind != spec.KindRef {
		return nil
	}
	return c.Stack.Find(id.Ref.To)
}

// allowFromLB lets the load balancer's security group reach an instance or
// launch template on port, giving it a security group if it has none.
// Blocks of one group (same Name tag) share the group made for the first.
func allowFromLB(c *Ctx, r *spec.Resource, port int, lbSGs spec.Value, made map[string]spec.Address) {
	if r == nil || lbSGs.Kind != spec.KindList || len(lbSGs.List) == 0 {
		return
	}
	addr := r.Addr()
	group := addr.Name
	if tags, ok := r.Body.Get("tags"); ok {
		for _, e := range tags.Map {
			if e.Key == "Name" {
				group = e.Value.Str
			}
		}
	}
	if sg, ok := made[group]; ok {
		r.Body.Set("vpc_security_group_ids", spec.List(spec.RefTo(sg, "id")))
		return
	}
	ids, ok := r.Body.Get("vpc_security_group_ids")
	var sg spec.Address
	if ok && len(ids.List) > 0 && ids.List[0].Kind == spec.KindRef {
		sg = ids.List[0].Ref.To
	} else {
		d := newSG(c, group, "traffic from the load balancer to the "+group)
		d.inline = false
		sg = d.emit(c)
		c.Res(addr).Body.Set("vpc_security_group_ids", spec.List(spec.RefTo(sg, "id")))
	}
	made[group] = sg
	if inline := c.Res(sg).Body.BlocksOf("ingress"); len(inline) > 0 {
		fillInline(c.Res(sg).Body.AddBlock("ingress"), port, lbSGs.List[0])
		return
	}
	ing := spec.Resource{Type: "aws_vpc_security_group_ingress_rule", Name: sg.Name + "_from_lb"}
	ing.Body.Set("security_group_id", spec.RefTo(sg, "id"))
	ing.Body.Set("description", spec.String("traffic from the load balancer"))
	ing.Body.Set("ip_protocol", spec.String("tcp"))
	ing.Body.Set("from_port", spec.Int(port))
	ing.Body.Set("to_port", spec.Int(port))
	ing.Body.Set("referenced_security_group_id", lbSGs.List[0])
	c.Add(ing)
}

// fillInline writes an inline ingress block from a security group.
func fillInline(b *spec.Body, port int, sgID spec.Value) {
	b.Set("description", spec.String("traffic from the load balancer"))
	b.Set("from_port", spec.Int(port))
	b.Set("to_port", spec.Int(port))
	b.Set("protocol", spec.String("tcp"))
	b.Set("cidr_blocks", spec.List())
	b.Set("ipv6_cidr_blocks", spec.List())
	b.Set("prefix_list_ids", spec.List())
	b.Set("security_groups", spec.List(sgID))
	b.Set("self", spec.Bool(false))
}
