package cloudformation

import (
	"strconv"

	"github.com/syncloud/syncloud/internal/spec"
)

// securityGroup converts a group and its inline rules. Terraform removes
// AWS's default allow-all egress rule when no egress is given, so a group
// without egress gets CloudFormation's documented equivalent: one rule to
// 127.0.0.1/32 that matches nothing. Rules that name the group itself
// (self = true) become separate ingress/egress resources, since a resource
// cannot refer to itself.
//
// A group without vpc_id lives in the default VPC, where CloudFormation
// cannot manage egress: AWS's default allow-all egress rule stays. An
// allow-all IPv4 egress rule is therefore already there and is left out;
// any narrower egress is an error, since the template would allow more
// than the stack.
func securityGroup(c *conv) {
	hasVPC := c.body.Has("vpc_id")
	c.propPairs("name", "GroupName", "vpc_id", "VpcId")
	c.prop("description", "GroupDescription")
	if _, ok := c.props["GroupDescription"]; !ok {
		c.props["GroupDescription"] = "Managed by SynCloud" // required by CloudFormation
	}
	c.drop("name_prefix", "revoke_rules_on_delete") // CloudFormation names groups itself; deletes rules with the group
	c.tags()
	for _, dir := range []string{"ingress", "egress"} {
		var rules []any
		for i, body := range inlineRules(c, dir) {
			if dir == "egress" && !hasVPC {
				c.defaultVPCEgress(body)
				continue
			}
			c.nested(dir, body, func(n *conv) { rules = append(rules, sgRules(n, dir, i, true)...) })
		}
		switch {
		case len(rules) > 0:
			c.props[securityGroupRuleProp(dir)] = rules
		case dir == "egress" && hasVPC:
			c.props["SecurityGroupEgress"] = []any{map[string]any{"CidrIp": "127.0.0.1/32", "IpProtocol": "-1"}}
		}
	}
}

func securityGroupRuleProp(dir string) string {
	if dir == "ingress" {
		return "SecurityGroupIngress"
	}
	return "SecurityGroupEgress"
}

// inlineRules returns a group's rules of one direction, written as nested
// blocks or as the attribute's list of objects.
func inlineRules(c *conv, dir string) []*spec.Body {
	out := c.blocks(dir)
	if v, ok := c.get(dir); ok && v.Kind == spec.KindList {
		for _, obj := range v.List {
			if obj.Kind != spec.KindMap {
				c.failf("%s must be a list of objects", dir)
				continue
			}
			b := &spec.Body{}
			for _, e := range obj.Map {
				b.Set(e.Key, e.Value)
			}
			out = append(out, b)
		}
	}
	return out
}

// sgRules converts one Terraform rule into one CloudFormation rule per
// source (CIDR, IPv6 CIDR, prefix list, group): CloudFormation takes one
// source per rule. An inline self rule is added as its own resource;
// standalone rules handle self themselves.
func sgRules(n *conv, dir string, i int, inline bool) []any {
	base := ruleBase(n)
	src := sourceProps(dir)
	var out []any
	for _, s := range [][2]string{{"cidr_blocks", "CidrIp"}, {"ipv6_cidr_blocks", "CidrIpv6"},
		{"prefix_list_ids", src.prefixList}, {"security_groups", src.group}} {
		for _, item := range n.items(s[0]) {
			rule := clone(base)
			rule[s[1]] = n.value(item)
			out = append(out, rule)
		}
	}
	if v, ok := n.get("self"); inline && ok && v.Kind == spec.KindBool && v.Bool {
		rule := clone(base)
		rule["GroupId"] = getAtt(n.id, "GroupId")
		rule[src.group] = getAtt(n.id, "GroupId")
		n.add(n.r.reserve(n.id+camel(dir)+"Self"+strconv.Itoa(i)), &resource{Type: src.resourceType, Properties: rule})
	}
	return out
}

// ruleBase converts what every source of a rule shares: protocol, ports
// (not for all traffic) and description.
func ruleBase(n *conv) map[string]any {
	protocol, _ := n.get("protocol")
	base := map[string]any{"IpProtocol": protocolValue(n, protocol)}
	for _, p := range [][2]string{{"from_port", "FromPort"}, {"to_port", "ToPort"}} {
		if v, ok := n.get(p[0]); ok && base["IpProtocol"] != "-1" {
			base[p[1]] = n.value(v)
		}
	}
	if v, ok := n.get("description"); ok && !(v.Kind == spec.KindString && v.Str == "") {
		base["Description"] = n.value(v)
	}
	return base
}

// items consumes an argument that holds one value or a list, and returns
// its values.
func (c *conv) items(arg string) []spec.Value {
	v, ok := c.get(arg)
	switch {
	case !ok:
		return nil
	case v.Kind == spec.KindList:
		return v.List
	}
	return []spec.Value{v}
}

// sources names a rule's source properties in one direction.
type sources struct{ group, prefixList, resourceType string }

func sourceProps(dir string) sources {
	if dir == "ingress" {
		return sources{"SourceSecurityGroupId", "SourcePrefixListId", "AWS::EC2::SecurityGroupIngress"}
	}
	return sources{"DestinationSecurityGroupId", "DestinationPrefixListId", "AWS::EC2::SecurityGroupEgress"}
}

// protocolValue writes "all" as CloudFormation's "-1".
func protocolValue(c *conv, v spec.Value) any {
	if v.Kind == spec.KindString && v.Str == "all" {
		return "-1"
	}
	return str(c, v)
}

func clone(m map[string]any) map[string]any {
	out := make(map[string]any, len(m)+1)
	for k, v := range m {
		out[k] = v
	}
	return out
}

// securityGroupRule converts aws_security_group_rule into
// AWS::EC2::SecurityGroupIngress or Egress, one resource per source: the
// first keeps the rule's logical ID, the others get <id>2, <id>3...
func securityGroupRule(c *conv) {
	typ := ""
	if v, ok := c.get("type"); ok && v.Kind == spec.KindString {
		typ = v.Str
	}
	if typ != "ingress" && typ != "egress" {
		c.failf("type must be \"ingress\" or \"egress\"")
		return
	}
	c.root.cfnType = sourceProps(typ).resourceType
	if typ == "egress" && c.egressOfDefaultVPCGroup("protocol", "cidr_blocks") {
		return
	}
	group, _ := c.get("security_group_id")
	src := sourceProps(typ)
	var groups []spec.Value // source_security_group_id and self are group sources
	if v, ok := c.get("source_security_group_id"); ok {
		groups = append(groups, v)
	}
	if v, ok := c.get("self"); ok && v.Kind == spec.KindBool && v.Bool {
		groups = append(groups, group)
	}
	if len(groups) > 0 {
		c.body = withAttr(c.body, "security_groups", spec.List(groups...))
	}
	rules := sgRules(c, typ, 0, false)
	if len(rules) == 0 {
		c.failf("rule has no source")
		return
	}
	for i, rule := range rules {
		m := rule.(map[string]any)
		m["GroupId"] = c.value(group)
		if i == 0 {
			c.props = m
			continue
		}
		c.add(c.r.reserve(c.id+strconv.Itoa(i+1)), &resource{Type: src.resourceType, Properties: m})
	}
}

// withAttr returns a copy of b with one more attribute, for arguments that
// map onto another's handling.
func withAttr(b *spec.Body, name string, v spec.Value) *spec.Body {
	cp := &spec.Body{Attrs: append([]spec.Attr{}, b.Attrs...), Blocks: b.Blocks}
	cp.Set(name, v)
	return cp
}

// vpcSecurityGroupRule converts aws_vpc_security_group_ingress_rule and
// _egress_rule. AWS::EC2::SecurityGroupIngress/Egress take no tags; a
// rule's tags are not carried over.
func vpcSecurityGroupRule(dir string) func(c *conv) {
	return func(c *conv) {
		if dir == "egress" && c.egressOfDefaultVPCGroup("ip_protocol", "cidr_ipv4") {
			return
		}
		src := sourceProps(dir)
		c.propPairs("security_group_id", "GroupId", "from_port", "FromPort", "to_port", "ToPort",
			"cidr_ipv4", "CidrIp", "cidr_ipv6", "CidrIpv6", "description", "Description",
			"prefix_list_id", src.prefixList, "referenced_security_group_id", src.group)
		c.propWith("ip_protocol", "IpProtocol", protocolValue)
		if c.props["IpProtocol"] == "-1" {
			delete(c.props, "FromPort")
			delete(c.props, "ToPort")
		}
		c.drop("tags", "tags_all")
	}
}
