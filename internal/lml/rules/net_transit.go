package rules

import "github.com/syncloud/syncloud/internal/spec"

// declareIPv6 asks AWS for an IPv6 block on the new VPC ("dual-stack",
// "with IPv6").
func declareIPv6(c *Ctx) {
	t := c.T
	k := t.Find(0, "ipv6", "dual-stack", "dualstack")
	if k < 0 || t.Is(k-1, "no", "without") {
		return
	}
	c.Claim(k, k+1)
	c.Res(c.Net.VPC).Body.Set("assign_generated_ipv6_cidr_block", spec.Bool(true))
	c.Understand("an Amazon-provided IPv6 block on the VPC")
	c.Assume("aws_vpc.main.assign_generated_ipv6_cidr_block", "subnets stay IPv4-only: their IPv6 blocks depend on the block AWS assigns")
}

// declareTransitGateway adds a transit gateway and attaches the new VPC to
// it through its private subnets (or public ones when it has none).
func declareTransitGateway(c *Ctx) {
	t := c.T
	k := t.Phrase(0, "transit gateway|gateways")
	if k < 0 {
		if k = t.Find(0, "tgw"); k < 0 {
			return
		}
	}
	c.Claim(k, k+2)
	tgw := spec.Resource{Type: "aws_ec2_transit_gateway", Name: "main"}
	tgw.Body.Set("description", spec.String("transit gateway"))
	addr := c.Add(tgw)
	subs := c.Net.Private
	if len(subs) == 0 {
		subs = c.Net.Public
	}
	if len(subs) == 0 {
		c.Understand("transit gateway (no subnets to attach the VPC through)")
		return
	}
	att := spec.Resource{Type: "aws_ec2_transit_gateway_vpc_attachment", Name: "main"}
	att.Body.Set("transit_gateway_id", spec.RefTo(addr, "id"))
	att.Body.Set("vpc_id", spec.RefTo(c.Net.VPC, "id"))
	att.Body.Set("subnet_ids", SubnetRefs(subs))
	c.Add(att)
	c.Understand("transit gateway with the VPC attached through %d subnets", len(subs))
}
