package rules

import "github.com/syncloud/syncloud/internal/spec"

// defaultVPC returns the data source reading the account's default VPC,
// adding it once. Resources that need a VPC when the prompt asked for none
// (target groups, load balancers) use it.
func defaultVPC(c *Ctx) spec.Address {
	a := spec.Address{Mode: spec.Data, Type: "aws_vpc", Name: "default"}
	if c.Stack.Find(a) != nil {
		return a
	}
	r := spec.Resource{Mode: spec.Data, Type: "aws_vpc", Name: "default"}
	r.Body.Set("default", spec.Bool(true))
	c.Assume("data.aws_vpc.default", "no VPC asked for: using the account's default VPC")
	return c.Add(r)
}

// defaultSubnets returns the data source listing the default VPC's subnets
// (one per AZ), adding it once.
func defaultSubnets(c *Ctx) spec.Address {
	a := spec.Address{Mode: spec.Data, Type: "aws_subnets", Name: "default"}
	if c.Stack.Find(a) != nil {
		return a
	}
	vpc := defaultVPC(c)
	r := spec.Resource{Mode: spec.Data, Type: "aws_subnets", Name: "default"}
	f := r.Body.AddBlock("filter")
	f.Set("name", spec.String("vpc-id"))
	f.Set("values", spec.List(spec.RefTo(vpc, "id")))
	f = r.Body.AddBlock("filter")
	f.Set("name", spec.String("default-for-az"))
	f.Set("values", spec.Strings("true"))
	return c.Add(r)
}

// vpcIDValue is the id of the VPC resources live in: the new one, or the
// default VPC.
func vpcIDValue(c *Ctx) spec.Value {
	if c.Net != nil {
		return spec.RefTo(c.Net.VPC, "id")
	}
	return spec.RefTo(defaultVPC(c), "id")
}

// subnetsValue returns subnet ids for a tier of the new VPC ("public" or
// "private", falling back to the other tier), or the default VPC's subnets.
func subnetsValue(c *Ctx, tier string) spec.Value {
	if c.Net == nil || len(c.Net.Public)+len(c.Net.Private) == 0 {
		return spec.RefTo(defaultSubnets(c), "ids")
	}
	subs := c.Net.Private
	if tier == "public" && len(c.Net.Public) > 0 || len(subs) == 0 {
		subs = c.Net.Public
	}
	return SubnetRefs(subs)
}
