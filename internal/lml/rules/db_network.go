package rules

import (
	"github.com/syncloud/syncloud/internal/spec"
)

// Where databases and caches live: when the prompt asks for a VPC, in its
// private subnets (its public ones only if it has no private ones) through
// a subnet group, behind a security group that admits the engine's port
// from inside the VPC; otherwise in the default VPC.

// dataSubnets returns the subnets a database or cache goes in, or nil for
// the default VPC.
func (c *Ctx) dataSubnets() []spec.Address {
	if c.Net == nil {
		return nil
	}
	if len(c.Net.Private) > 0 {
		return c.Net.Private
	}
	return c.Net.Public
}

// subnetGroup adds a subnet group of typ ("aws_db_subnet_group",
// "aws_elasticache_subnet_group") over the data subnets.
func (c *Ctx) subnetGroup(typ, base string) (spec.Address, bool) {
	subnets := c.dataSubnets()
	if len(subnets) == 0 {
		return spec.Address{}, false
	}
	g := spec.Resource{Type: typ, Name: base}
	name := ResourceName(LocalName(base), 200)
	if typ == "aws_db_subnet_group" {
		g.Body.Set("name_prefix", spec.String(name+"-"))
	} else {
		g.Body.Set("name", spec.String(name))
	}
	g.Body.Set("subnet_ids", SubnetRefs(subnets))
	if len(subnets) < 2 {
		c.Assume(typ+"."+base, "only one subnet in the VPC: AWS wants subnets in at least two availability zones")
	}
	return c.Add(g), true
}

// dataSecurityGroup adds a security group in the prompt's VPC admitting
// TCP port from the VPC's CIDR block. It claims the words "security
// group" when the prompt asks for one by the port, so that no other family
// adds a second group for the same rule.
func (c *Ctx) dataSecurityGroup(base, what string, port int) (spec.Address, bool) {
	if c.Net == nil {
		return spec.Address{}, false
	}
	sg := spec.Resource{Type: "aws_security_group", Name: base}
	sg.Body.Set("name_prefix", spec.String(ResourceName(base, 200)+"-"))
	sg.Body.Set("description", spec.String("Access to the "+what))
	sg.Body.Set("vpc_id", spec.RefTo(c.Net.VPC, "id"))
	in := sg.Body.AddBlock("ingress")
	in.Set("description", spec.String(what+" from inside the VPC"))
	in.Set("from_port", spec.Int(port))
	in.Set("to_port", spec.Int(port))
	in.Set("protocol", spec.String("tcp"))
	in.Set("cidr_blocks", spec.List(spec.RefTo(c.Net.VPC, "cidr_block")))
	addr := c.Add(sg)
	c.claimPortGroup(port)
	c.Understand("security group %s: %s port %d from the VPC", addr, what, port)
	return addr, true
}

// claimPortGroup claims "security group ... 3306" phrases naming port.
func (c *Ctx) claimPortGroup(port int) {
	for _, p := range c.T.Ports() {
		if p.Value != port {
			continue
		}
		c.Claim(p.At, p.At+1)
		if k := c.T.Phrase(max(p.At-8, 0), "security group|groups"); k >= 0 && k < p.At+6 {
			c.Claim(k, k+2)
		}
	}
	for i := 0; i < c.T.Len(); i++ {
		if c.T.Norm(i) == itoaData(port) {
			c.Claim(i, i+1)
		}
	}
}

// allowFromCompute narrows a data security group to the app servers'
// group when the prompt says only they may connect ("so only the web
// server can reach the DB").
func (c *Ctx) allowFromCompute(sg spec.Address) {
	if c.T.Find(0, "only") < 0 || c.T.Find(0, "server", "servers", "instance", "instances", "app", "web", "ec2") < 0 {
		return
	}
	src, ok := c.computeGroup(sg)
	if !ok {
		return
	}
	r := c.Res(sg)
	in := r.Body.Block("ingress")
	if in == nil {
		return
	}
	in.Unset("cidr_blocks")
	in.Set("security_groups", spec.List(spec.RefTo(src, "id")))
	in.Set("description", spec.String("from the app servers' security group"))
	c.Understand("%s admits only %s", sg, src)
}

// computeGroup finds the security group of the prompt's instances or
// launch templates.
func (c *Ctx) computeGroup(not spec.Address) (spec.Address, bool) {
	for _, typ := range []string{"aws_instance", "aws_launch_template", "aws_ecs_service"} {
		for _, r := range c.Stack.OfType(typ) {
			if a, ok := firstRef(r.Body, "vpc_security_group_ids"); ok && a != not {
				return a, true
			}
			if nc := r.Body.Block("network_configuration"); nc != nil {
				if a, ok := firstRef(*nc, "security_groups"); ok && a != not {
					return a, true
				}
			}
		}
	}
	return spec.Address{}, false
}

func firstRef(b spec.Body, attr string) (spec.Address, bool) {
	v, ok := b.Get(attr)
	if !ok || v.Kind != spec.KindList {
		return spec.Address{}, false
	}
	for _, e := range v.List {
		if e.Kind == spec.KindRef && e.Ref.To.Type == "aws_security_group" {
			return e.Ref.To, true
		}
	}
	return spec.Address{}, false
}
