package cloudformation

import (
	"github.com/syncloud/syncloud/internal/spec"
)

// defaultVPCEgress accepts an egress rule of a default-VPC group only when
// it is AWS's default allow-all IPv4 rule, which is already there; it
// consumes the rule's arguments.
func (c *conv) defaultVPCEgress(b *spec.Body) {
	if !allOutIPv4(b, "protocol", "cidr_blocks") {
		c.failf("egress other than all traffic to 0.0.0.0/0 needs vpc_id: in the default VPC CloudFormation keeps AWS's allow-all egress rule")
	}
}

// allOutIPv4 reports whether a rule body is all traffic to 0.0.0.0/0 and
// nothing else.
func allOutIPv4(b *spec.Body, protoArg, cidrArg string) bool {
	for _, a := range b.Attrs {
		v := a.Value
		switch a.Name {
		case protoArg:
			if v.Kind != spec.KindString || (v.Str != "-1" && v.Str != "all") {
				return false
			}
		case cidrArg:
			if !(v.Kind == spec.KindString && v.Str == "0.0.0.0/0") &&
				!(v.Kind == spec.KindList && len(v.List) == 1 && v.List[0].Kind == spec.KindString && v.List[0].Str == "0.0.0.0/0") {
				return false
			}
		case "from_port", "to_port", "description", "security_group_id", "type", "tags":
		default:
			if !emptyValue(v) {
				return false
			}
		}
	}
	return true
}

func emptyValue(v spec.Value) bool {
	switch v.Kind {
	case spec.KindNull:
		return true
	case spec.KindList:
		return len(v.List) == 0
	case spec.KindBool:
		return !v.Bool
	case spec.KindString:
		return v.Str == ""
	}
	return false
}

// egressOfDefaultVPCGroup handles a standalone egress rule whose group has
// no vpc_id: the allow-all IPv4 rule is already there and the resource is
// left out; anything narrower is an error. It reports whether it handled
// the rule.
func (c *conv) egressOfDefaultVPCGroup(protoArg, cidrArg string) bool {
	g, ok := c.body.Get("security_group_id")
	if !ok || g.Kind != spec.KindRef || g.Ref.To.Type != "aws_security_group" {
		return false
	}
	if sg := c.r.stack.Find(g.Ref.To); sg == nil || sg.Body.Has("vpc_id") {
		return false
	}
	for _, a := range c.body.Attrs {
		c.used[a.Name] = true
	}
	if !allOutIPv4(c.body, protoArg, cidrArg) {
		c.failf("egress other than all traffic to 0.0.0.0/0 needs the group's vpc_id: in the default VPC CloudFormation keeps AWS's allow-all egress rule")
	}
	c.root.skip = true
	return true
}
