package rules

import (
	"strconv"
	"strings"

	"github.com/syncloud/syncloud/internal/spec"
)

// sgSource is where allowed traffic comes from: a CIDR, the VPC's own block,
// or another security group (by its draft's role name).
type sgSource struct {
	cidr string
	vpc  bool
	sg   string // role name of another group, resolved when rules are emitted
	at   int    // the token naming it
}

// sgRule is one ingress rule, or an egress rule when egress is set (its
// source is then the destination). proto "-1" means every protocol.
type sgRule struct {
	from, to int
	proto    string
	source   sgSource
	egress   bool
}

// sgDraft is a security group being built: its rules may name groups that
// are only declared later, so rules are emitted after every group exists.
type sgDraft struct {
	name   string // the group's name when the user gave one, else a prefix is used
	role   string // "web", "db", "bastion": how other rules refer to it
	desc   string
	rules  []sgRule
	inline bool
	addr   spec.Address
}

// newSG starts a security group draft.
func newSG(c *Ctx, role, desc string) *sgDraft {
	return &sgDraft{role: role, desc: desc, inline: sgInline(c)}
}

// sgInline reports whether the prompt asks for rules written inline in the
// security group resource rather than as separate rule resources.
func sgInline(c *Ctx) bool {
	i := c.T.Find(0, "inline", "in-line", "embedded")
	if i >= 0 {
		c.Claim(i, i+1)
	}
	return i >= 0
}

// emit adds the group and its rules; sources naming other groups must be
// emitted already (see emitSGs for groups that refer to each other).
func (d *sgDraft) emit(c *Ctx) spec.Address {
	d.declare(c)
	d.emitRules(c, nil)
	return d.addr
}

// declare adds the aws_security_group itself.
func (d *sgDraft) declare(c *Ctx) {
	sg := spec.Resource{Type: "aws_security_group", Name: d.role}
	if d.name != "" {
		sg.Body.Set("name", spec.String(d.name))
	} else {
		sg.Body.Set("name_prefix", spec.String(ResourceName(d.role, 200)+"-"))
	}
	sg.Body.Set("description", spec.String(d.desc))
	if c.Net != nil {
		sg.Body.Set("vpc_id", spec.RefTo(c.Net.VPC, "id"))
	}
	d.addr = c.Add(sg)
}

// emitSGs declares every draft first, then their rules, so that groups may
// refer to each other in any order.
func emitSGs(c *Ctx, ds []*sgDraft) {
	byRole := map[string]spec.Address{}
	for _, d := range ds {
		d.declare(c)
		byRole[d.role] = d.addr
	}
	for _, d := range ds {
		d.emitRules(c, byRole)
	}
}

// emitRules writes the rules inline or as separate resources, plus an
// allow-all egress rule.
func (d *sgDraft) emitRules(c *Ctx, byRole map[string]spec.Address) {
	r := c.Res(d.addr)
	outbound := false
	for i, rule := range d.rules {
		kind, typ, suffix := "ingress", "aws_vpc_security_group_ingress_rule", ""
		if rule.egress {
			kind, typ, suffix, outbound = "egress", "aws_vpc_security_group_egress_rule", "_out", true
		}
		if d.inline {
			d.inlineRule(c, &r.Body, kind, rule, byRole)
			continue
		}
		res := spec.Resource{Type: typ, Name: d.addr.Name + "_" + ruleName(rule, i) + suffix}
		res.Body.Set("security_group_id", spec.RefTo(d.addr, "id"))
		setRuleTarget(c, &res.Body, rule, byRole)
		c.Add(res)
		r = c.Res(d.addr)
	}
	if outbound {
		return // the outbound rules asked for replace the allow-all one
	}
	egress := sgRule{proto: "-1", source: sgSource{cidr: "0.0.0.0/0"}}
	if d.inline {
		d.inlineRule(c, &r.Body, "egress", egress, byRole)
		return
	}
	eg := spec.Resource{Type: "aws_vpc_security_group_egress_rule", Name: d.addr.Name + "_all_out"}
	eg.Body.Set("security_group_id", spec.RefTo(d.addr, "id"))
	eg.Body.Set("description", spec.String("all outbound traffic"))
	eg.Body.Set("ip_protocol", spec.String("-1"))
	eg.Body.Set("cidr_ipv4", spec.String("0.0.0.0/0"))
	c.Add(eg)
}

// setRuleTarget fills a separate rule resource's ports, protocol and source.
func setRuleTarget(c *Ctx, b *spec.Body, rule sgRule, byRole map[string]spec.Address) {
	b.Set("description", spec.String(ruleDescription(rule)))
	b.Set("ip_protocol", spec.String(rule.proto))
	if rule.proto != "-1" {
		b.Set("from_port", spec.Int(rule.from))
		b.Set("to_port", spec.Int(rule.to))
	}
	switch src := rule.source; {
	case src.sg != "" && byRole[src.sg] != spec.Address{}:
		b.Set("referenced_security_group_id", spec.RefTo(byRole[src.sg], "id"))
	case src.vpc:
		b.Set("cidr_ipv4", vpcCIDRRef(c))
	default:
		b.Set("cidr_ipv4", spec.String(src.cidr))
	}
}

// inlineRule writes an ingress or egress block with every attribute of the
// object type set, as Terraform's JSON syntax requires.
func (d *sgDraft) inlineRule(c *Ctx, body *spec.Body, kind string, rule sgRule, byRole map[string]spec.Address) {
	b := body.AddBlock(kind)
	from, to := rule.from, rule.to
	if rule.proto == "-1" {
		from, to = 0, 0
	}
	cidrs, groups := spec.List(), spec.List()
	switch src := rule.source; {
	case src.sg != "" && byRole[src.sg] != spec.Address{}:
		groups = spec.List(spec.RefTo(byRole[src.sg], "id"))
	case src.vpc:
		cidrs = spec.List(vpcCIDRRef(c))
	default:
		cidrs = spec.Strings(src.cidr)
	}
	b.Set("description", spec.String(ruleDescription(rule)))
	b.Set("from_port", spec.Int(from))
	b.Set("to_port", spec.Int(to))
	b.Set("protocol", spec.String(rule.proto))
	b.Set("cidr_blocks", cidrs)
	b.Set("ipv6_cidr_blocks", spec.List())
	b.Set("prefix_list_ids", spec.List())
	b.Set("security_groups", groups)
	b.Set("self", spec.Bool(false))
}

// vpcCIDRRef is the CIDR block of the VPC the groups live in: the new VPC,
// or the account's default VPC.
func vpcCIDRRef(c *Ctx) spec.Value {
	if c.Net != nil {
		return spec.RefTo(c.Net.VPC, "cidr_block")
	}
	return spec.RefTo(defaultVPC(c), "cidr_block")
}

func ruleName(r sgRule, i int) string {
	if n := portLabel(r.from); n != "" && r.from == r.to {
		return n
	}
	if r.proto == "-1" || r.proto == "icmp" {
		return map[string]string{"-1": "all", "icmp": "icmp"}[r.proto]
	}
	return "port_" + strconv.Itoa(r.from) + "_" + strconv.Itoa(i)
}

func ruleDescription(r sgRule) string {
	if r.proto == "-1" {
		return "all traffic"
	}
	var src string
	switch {
	case r.source.sg != "":
		src = "the " + r.source.sg + " group"
	case r.source.vpc:
		src = "the VPC"
	case r.source.cidr == "0.0.0.0/0":
		src = "anywhere"
	default:
		src = r.source.cidr
	}
	p := strconv.Itoa(r.from)
	if r.to != r.from {
		p += "-" + strconv.Itoa(r.to)
	}
	if n := portLabel(r.from); n != "" && r.from == r.to {
		p = strings.ToUpper(n)
	}
	if r.egress {
		return p + " to " + src
	}
	return p + " from " + src
}

// portLabel names well-known ports for readable names and descriptions.
func portLabel(p int) string {
	for _, n := range []string{"ssh", "http", "https", "rdp", "mysql", "postgres", "redis", "memcached", "mongodb", "mssql", "oracle", "nfs", "kafka", "smtp", "dns"} {
		if wellKnownPorts[n] == p {
			return n
		}
	}
	return ""
}
