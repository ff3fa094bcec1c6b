package rules

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestSecurityGroupPrompts(t *testing.T) {
	ncRun(t, []struct {
		prompt string
		checks []ncCheck
	}{
		{"firewall allowing SSH from 192.0.2.0/24 and HTTPS from anywhere", []ncCheck{
			{"aws_security_group", "", "", 1},
			{"aws_vpc_security_group_ingress_rule", "cidr_ipv4", "192.0.2.0/24", 1},
			{"aws_vpc_security_group_ingress_rule", "cidr_ipv4", "0.0.0.0/0", 1},
			{"aws_vpc_security_group_ingress_rule", "from_port", "443", 1},
		}},
		{"security group with inline rules for mysql from 10.0.0.0/8", []ncCheck{
			{"aws_security_group", "ingress.from_port", "3306", 1},
			{"aws_security_group", "ingress.cidr_blocks", "10.0.0.0/8", 1},
			{"aws_vpc_security_group_ingress_rule", "", "", 0},
		}},
		{"2 security groups: an lb group open on 80 to the internet and an app group that accepts 8080 from the lb group", []ncCheck{
			{"aws_security_group", "", "", 2},
			{"aws_vpc_security_group_ingress_rule", "referenced_security_group_id", "aws_security_group.lb.id", 1},
		}},
		{"sg letting mongo and rabbitmq in from 10.2.0.0/16", []ncCheck{
			{"aws_vpc_security_group_ingress_rule", "from_port", "27017", 1},
			{"aws_vpc_security_group_ingress_rule", "from_port", "5672", 1},
		}},
		{"security group api: 8443 from 10.0.0.0/8; 9090 from 172.16.0.0/12", []ncCheck{
			{"aws_vpc_security_group_ingress_rule", "from_port", "8443", 1},
			{"aws_vpc_security_group_ingress_rule", "cidr_ipv4", "172.16.0.0/12", 1},
		}},
		{"firewall: SSH in from 10.1.0.0/16, egress only on 443 and 5432 to 10.0.0.0/8", []ncCheck{
			{"aws_vpc_security_group_ingress_rule", "from_port", "22", 1},
			{"aws_vpc_security_group_egress_rule", "cidr_ipv4", "10.0.0.0/8", 2},
			{"aws_vpc_security_group_egress_rule", "cidr_ipv4", "0.0.0.0/0", 0},
		}},
		{"security group with inline rules: outgoing 443 to anywhere only", []ncCheck{
			{"aws_security_group", "egress.from_port", "443", 1},
			{"aws_security_group", "ingress.from_port", "443", 0},
		}},
		{"a web security group open to the world on 443, then a db security group letting in 5432 from the web group only", []ncCheck{
			{"aws_security_group", "", "", 2},
			{"aws_vpc_security_group_ingress_rule", "cidr_ipv4", "0.0.0.0/0", 1},
			{"aws_vpc_security_group_ingress_rule", "referenced_security_group_id", "aws_security_group.web.id", 1},
			{"aws_vpc_security_group_ingress_rule", "from_port", "5432", 1},
		}},
	})
}

func TestQuotedPhrases(t *testing.T) {
	got := quotedPhrases(`runs 'yum install -y httpd', the VPC's table, "x y" and “z”`)
	if diff := cmp.Diff([]string{"yum install -y httpd", "x y", "z"}, got); diff != "" {
		t.Errorf("quotedPhrases (-want +got):\n%s", diff)
	}
}
