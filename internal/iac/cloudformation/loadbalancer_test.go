package cloudformation

import (
	"strings"
	"testing"

	"github.com/syncloud/syncloud/internal/spec"
)

// TestListenerRule checks a path-based ALB rule.
func TestListenerRule(t *testing.T) {
	st := &spec.Stack{Region: "us-east-1", Resources: []spec.Resource{
		res("aws_lb_target_group", "api", attr("port", n(8080)), attr("protocol", s("HTTP")), attr("vpc_id", s("vpc-1"))),
		res("aws_lb_listener_rule", "api", attr("listener_arn", s("arn:aws:elasticloadbalancing:us-east-1:1:listener/app/x/y/z")),
			attr("priority", n(10)), blk("action", attr("type", s("forward")),
				attr("target_group_arn", refTo("aws_lb_target_group", "api", "arn"))),
			blk("condition", blk("path_pattern", attr("values", spec.Strings("/api/*")))))}}
	out, err := Render(st)
	if err != nil {
		t.Fatalf("Render: %v", err)
	}
	for _, want := range []string{`"Field": "path-pattern"`, `"/api/*"`, `"Type": "AWS::ElasticLoadBalancingV2::ListenerRule"`} {
		if !strings.Contains(string(out), want) {
			t.Errorf("no %s in %s", want, out)
		}
	}
}
