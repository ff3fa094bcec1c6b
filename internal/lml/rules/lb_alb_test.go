package rules

import (
	"strings"
	"testing"
)

func TestLoadBalancerPrompts(t *testing.T) {
	ncRun(t, []struct {
		prompt string
		checks []ncCheck
	}{
		{"internal network load balancer on UDP port 514", []ncCheck{
			{"aws_lb", "load_balancer_type", "network", 1},
			{"aws_lb", "internal", "true", 1},
			{"aws_lb_listener", "protocol", "UDP", 1},
			{"aws_lb_target_group", "port", "514", 1},
		}},
		{"public ALB in front of three t3.micro servers on port 8080", []ncCheck{
			{"aws_lb_target_group", "port", "8080", 1},
			{"aws_lb_listener", "port", "80", 1},
			{"aws_lb_target_group_attachment", "", "", 3},
			{"aws_instance", "", "", 3},
		}},
		{"application load balancer with https for shop.example.org and an http to https redirect", []ncCheck{
			{"aws_acm_certificate", "domain_name", "shop.example.org", 1},
			{"aws_lb_listener", "protocol", "HTTPS", 1},
			{"aws_lb_listener", "default_action.type", "redirect", 1},
		}},
		{"NLB with a TLS listener on 443 using certificate arn:aws:acm:us-east-1:123456789012:certificate/abc-123 forwarding to port 8443", []ncCheck{
			{"aws_lb_listener", "protocol", "TLS", 1},
			{"aws_lb_listener", "port", "443", 1},
			{"aws_lb_listener", "certificate_arn", "arn:aws:acm:us-east-1:123456789012:certificate/abc-123", 1},
			{"aws_lb_target_group", "port", "8443", 1},
		}},
		{"load balancer terminating TLS for api.example.io, cert to be verified via e-mail", []ncCheck{
			{"aws_acm_certificate", "validation_method", "EMAIL", 1},
			{"aws_lb_listener", "protocol", "HTTPS", 1},
		}},
		{"ALB on 443 for shop.example.com: path /static/* goes to the assets service on port 8081, /admin/* to admin servers on 9000, the rest to port 8080", []ncCheck{
			{"aws_lb_target_group", "port", "8080", 1},
			{"aws_lb_target_group", "port", "8081", 1},
			{"aws_lb_target_group", "port", "9000", 1},
			{"aws_lb_listener_rule", "condition.path_pattern.values", "/static/*", 1},
			{"aws_lb_listener_rule", "action.target_group_arn", "aws_lb_target_group.admin.arn", 1},
			{"aws_lb_listener_rule", "", "", 2},
		}},
		{"ALB forwarding /v2/* to port 9090, otherwise to port 80; health check path /ping", []ncCheck{
			{"aws_lb_listener_rule", "condition.path_pattern.values", "/v2/*", 1},
			{"aws_lb_listener_rule", "", "", 1},
			{"aws_lb_target_group", "health_check.path", "/ping", 1},
			{"aws_lb_target_group", "name_prefix", "path1-", 1},
		}},
		{"ALB with a two-minute slow start on its target group", []ncCheck{
			{"aws_lb_target_group", "slow_start", "120", 1},
		}},
		{"internet-facing ALB protected by a web application firewall", []ncCheck{
			{"aws_wafv2_web_acl", "scope", "REGIONAL", 1},
			{"aws_wafv2_web_acl_association", "resource_arn", "aws_lb.alb.arn", 1},
			{"aws_security_group", "", "", 1},
		}},
		{"ALB on 443, no WAF", []ncCheck{{"aws_wafv2_web_acl", "", "", 0}}},
		{"deletion-protected NLB on tcp 9000", []ncCheck{
			{"aws_lb", "enable_deletion_protection", "true", 1},
		}},
		{"ALB on port 80, no deletion protection", []ncCheck{
			{"aws_lb", "enable_deletion_protection", "true", 0},
		}},
		{"HTTPS load balancer for tienda.example.mx", []ncCheck{
			{"aws_acm_certificate", "domain_name", "tienda.example.mx", 1},
		}},
		{"HTTPS ALB for api.example.io; email alerts to ops@example.io when it fails", []ncCheck{
			{"aws_acm_certificate", "validation_method", "DNS", 1},
		}},
		{"ALB with sticky sessions and a 30 second deregistration delay", []ncCheck{
			{"aws_lb_target_group", "stickiness.type", "lb_cookie", 1},
			{"aws_lb_target_group", "deregistration_delay", "30", 1},
		}},
		{"ASG of t3.small (1-3) behind an ALB", []ncCheck{
			{"aws_autoscaling_group", "target_group_arns", "aws_lb_target_group.app.arn", 1},
			{"aws_autoscaling_group", "health_check_type", "ELB", 1},
			{"aws_vpc_security_group_ingress_rule", "referenced_security_group_id", "aws_security_group.alb.id", 1},
		}},
		{"target group for the api on port 9000 checking /health every 30 seconds behind an ALB", []ncCheck{
			{"aws_lb_target_group", "health_check.path", "/health", 1},
			{"aws_lb_target_group", "health_check.interval", "30", 1},
			{"aws_lb_target_group", "port", "9000", 1},
		}},
	})
}

func TestDomains(t *testing.T) {
	got := []string{}
	for _, d := range Tokenize("certs for shop.example.sg and www.example.co.uk, handler main.py, not index.js or t3.large").Domains() {
		got = append(got, d.Value)
	}
	want := []string{"shop.example.sg", "www.example.co.uk"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("Domains() = %v, want %v", got, want)
	}
}
