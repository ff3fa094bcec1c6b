package rules

import (
	"github.com/syncloud/syncloud/internal/spec"
)

// allOutbound adds an egress block allowing all outbound traffic.
func allOutbound(b *spec.Body, desc string) {
	eg := b.AddBlock("egress")
	eg.Set("description", spec.String(desc))
	eg.Set("from_port", spec.Int(0))
	eg.Set("to_port", spec.Int(0))
	eg.Set("protocol", spec.String("-1"))
	eg.Set("cidr_blocks", spec.Strings("0.0.0.0/0"))
}

// tcpIngress adds an ingress block for one TCP port, from CIDR blocks or
// from another security group.
func tcpIngress(b *spec.Body, desc string, port int, cidrs []string, fromSG *spec.Address) {
	in := b.AddBlock("ingress")
	in.Set("description", spec.String(desc))
	in.Set("from_port", spec.Int(port))
	in.Set("to_port", spec.Int(port))
	in.Set("protocol", spec.String("tcp"))
	if len(cidrs) > 0 {
		in.Set("cidr_blocks", spec.Strings(cidrs...))
	}
	if fromSG != nil {
		in.Set("security_groups", spec.List(spec.RefTo(*fromSG, "id")))
	}
}

// appSecurityGroup adds a security group in the stack's VPC that allows all
// outbound traffic, and returns its address.
func appSecurityGroup(c *Ctx, name, prefix, desc string, configure func(*spec.Body)) spec.Address {
	sg := spec.Resource{Type: "aws_security_group", Name: name}
	sg.Body.Set("name_prefix", spec.String(prefix))
	sg.Body.Set("description", spec.String(desc))
	sg.Body.Set("vpc_id", appVPCID(c))
	if configure != nil {
		configure(&sg.Body)
	}
	allOutbound(&sg.Body, "all outbound")
	return c.Add(sg)
}
