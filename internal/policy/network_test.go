package policy

import (
	"testing"

	"github.com/syncloud/syncloud/internal/spec"
)

func TestSecurityGroups(t *testing.T) {
	sg := spec.Address{Type: "aws_security_group", Name: "web"}
	in := func(from, to int, proto string, cidrs ...string) spec.Block {
		return blk("ingress", attr("from_port", spec.Int(from)), attr("to_port", spec.Int(to)),
			attr("protocol", spec.String(proto)), attr("cidr_blocks", spec.Strings(cidrs...)))
	}
	sgRule := func(name string, from, to int, proto string, cidrs ...string) spec.Resource {
		return res("aws_security_group_rule", name, attr("type", spec.String("ingress")),
			attr("security_group_id", spec.RefTo(sg, "id")), attr("from_port", spec.Int(from)),
			attr("to_port", spec.Int(to)), attr("protocol", spec.String(proto)), attr("cidr_blocks", spec.Strings(cidrs...)))
	}
	vpcRule := func(name, proto string, from, to int, cidrAttr, cidr string) spec.Resource {
		r := res("aws_vpc_security_group_ingress_rule", name, attr("security_group_id", spec.RefTo(sg, "id")),
			attr("ip_protocol", spec.String(proto)), attr(cidrAttr, spec.String(cidr)))
		if proto != "-1" {
			r.Body.Set("from_port", spec.Int(from))
			r.Body.Set("to_port", spec.Int(to))
		}
		return r
	}
	const web = "aws_security_group.web"
	runHarden(t, []hardenCase{{
		name: "web ports from anywhere and SSH from an office are fine",
		in: []spec.Resource{res("aws_security_group", "web",
			in(80, 80, "tcp", "0.0.0.0/0"), in(443, 443, "tcp", "0.0.0.0/0", "::/0"), in(22, 22, "tcp", "203.0.113.0/24"))},
	}, {
		name: "SSH, RDP and all traffic from anywhere are kept and reported",
		in: []spec.Resource{res("aws_security_group", "web",
			in(22, 22, "tcp", "0.0.0.0/0"), in(3389, 3389, "tcp", "::/0"), in(0, 0, "-1", "0.0.0.0/0"),
			in(0, 65535, "tcp", "0.0.0.0/0"), in(8, 0, "icmp", "0.0.0.0/0"), in(5432, 5432, "tcp", "0.0.0.0/0"))},
		findings: Findings{
			requested("CKV_AWS_24", High, web, "ingress"),
			requested("CKV_AWS_25", High, web, "ingress"),
			requested("CKV_AWS_277", High, web, "ingress"),
			requested("CKV_AWS_277", High, web, "ingress"),
			requested("SYNCLOUD_SG_WORLD_PORT", Medium, web, "ingress"),
		},
	}, {
		name: "a port range covering SSH and RDP reports both",
		in:   []spec.Resource{res("aws_security_group", "web", in(20, 4000, "tcp", "0.0.0.0/0"))},
		findings: Findings{
			requested("CKV_AWS_24", High, web, "ingress"),
			requested("CKV_AWS_25", High, web, "ingress"),
		},
	}, {
		name: "ingress written as an attribute of objects",
		in: []spec.Resource{res("aws_security_group", "web", attr("ingress", spec.List(spec.Map(map[string]spec.Value{
			"from_port": spec.Int(22), "to_port": spec.Int(22), "protocol": spec.String("tcp"),
			"cidr_blocks": spec.Strings("0.0.0.0/0"), "description": spec.String("ssh"),
			"ipv6_cidr_blocks": spec.Strings(), "prefix_list_ids": spec.Strings(), "security_groups": spec.Strings(),
			"self": spec.Bool(false),
		}))))},
		findings: Findings{requested("CKV_AWS_24", High, web, "ingress")},
	}, {
		name: "standalone rules",
		in: []spec.Resource{
			res("aws_security_group", "web"),
			sgRule("ssh", 22, 22, "tcp", "0.0.0.0/0"),
			sgRule("https", 443, 443, "tcp", "0.0.0.0/0"),
			res("aws_security_group_rule", "out", attr("type", spec.String("egress")),
				attr("security_group_id", spec.RefTo(sg, "id")), attr("from_port", spec.Int(0)),
				attr("to_port", spec.Int(0)), attr("protocol", spec.String("-1")), attr("cidr_blocks", spec.Strings("0.0.0.0/0"))),
			vpcRule("rdp", "tcp", 3389, 3389, "cidr_ipv6", "::/0"),
			vpcRule("all", "-1", 0, 0, "cidr_ipv4", "0.0.0.0/0"),
			vpcRule("vpc", "-1", 0, 0, "cidr_ipv4", "10.0.0.0/16"),
		},
		findings: Findings{
			requested("CKV_AWS_24", High, "aws_security_group_rule.ssh", ""),
			requested("CKV_AWS_25", High, "aws_vpc_security_group_ingress_rule.rdp", ""),
			requested("CKV_AWS_277", High, "aws_vpc_security_group_ingress_rule.all", ""),
		},
	}})
}
