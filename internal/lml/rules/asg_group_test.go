package rules

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestASGPrompts(t *testing.T) {
	ncRun(t, []struct {
		prompt string
		checks []ncCheck
	}{
		{"autoscaling group from 2 to 8 c6i.large instances keeping CPU around 50 percent", []ncCheck{
			{"aws_autoscaling_group", "min_size", "2", 1},
			{"aws_autoscaling_group", "max_size", "8", 1},
			{"aws_launch_template", "instance_type", "c6i.large", 1},
			{"aws_autoscaling_policy", "target_tracking_configuration.target_value", "50", 1},
			{"aws_instance", "", "", 0},
		}},
		{"scaling group of c5.large, 2-12 nodes: scale out by 2 instances once CPU is over 85 percent, scale in under 25%", []ncCheck{
			{"aws_autoscaling_policy", "scaling_adjustment", "2", 1},
			{"aws_autoscaling_policy", "scaling_adjustment", "-1", 1},
			{"aws_cloudwatch_metric_alarm", "comparison_operator", "GreaterThanThreshold", 1},
			{"aws_cloudwatch_metric_alarm", "threshold", "25", 1},
			{"aws_cloudwatch_metric_alarm", "alarm_actions", "aws_autoscaling_policy.scale_in.arn", 1},
			{"aws_autoscaling_policy", "policy_type", "TargetTrackingScaling", 0},
		}},
		{"scaling group of no more than 12 c6g.large, 3 instances at least, CPU held around 65 per cent", []ncCheck{
			{"aws_autoscaling_group", "min_size", "3", 1},
			{"aws_autoscaling_group", "max_size", "12", 1},
			{"aws_autoscaling_policy", "target_tracking_configuration.target_value", "65", 1},
		}},
		{"ASG (c6i.large, 2 to 10) behind an ALB, scaling to keep 500 requests per target", []ncCheck{
			{"aws_autoscaling_policy", "target_tracking_configuration.predefined_metric_specification.predefined_metric_type", "ALBRequestCountPerTarget", 1},
			{"aws_autoscaling_policy", "target_tracking_configuration.target_value", "500", 1},
		}},
		{"an ASG of m6i.large, 3 to 9, spread across 3 AZs in a new vpc", []ncCheck{
			{"aws_subnet", "", "", 3},
			{"aws_autoscaling_group", "vpc_zone_identifier", "aws_subnet.private_c.id", 1},
		}},
		{"a launch template for r6i.large boxes, without an auto scaling group", []ncCheck{
			{"aws_launch_template", "instance_type", "r6i.large", 1},
			{"aws_autoscaling_group", "", "", 0},
		}},
		{"ASG with exactly three t3.micro instances in the private subnets of a new VPC", []ncCheck{
			{"aws_autoscaling_group", "min_size", "3", 1},
			{"aws_autoscaling_group", "max_size", "3", 1},
			{"aws_autoscaling_group", "vpc_zone_identifier", "aws_subnet.private_a.id", 1},
			{"aws_instance", "", "", 0},
		}},
		{"scale between 2 and 10 m5.large instances based on CPU in an auto scaling group", []ncCheck{
			{"aws_autoscaling_group", "max_size", "10", 1},
			{"aws_launch_template", "instance_type", "m5.large", 1},
			{"aws_autoscaling_policy", "target_tracking_configuration.target_value", "50", 1},
			{"aws_instance", "", "", 0},
		}},
		{"an Ubuntu bastion host plus an auto scaling group of 3 t3.small workers running Amazon Linux", []ncCheck{
			{"aws_instance", "tags.Name", "bastion", 1},
			{"aws_autoscaling_group", "desired_capacity", "3", 1},
			{"data.aws_ami", "filter.values", "al2023-ami-2023.*-x86_64", 1},
			{"data.aws_ami", "filter.values", "~ubuntu-noble", 1},
		}},
		{"just a launch template for an ubuntu 24.04 t3.small", []ncCheck{
			{"aws_launch_template", "instance_type", "t3.small", 1},
			{"aws_autoscaling_group", "", "", 0},
			{"data.aws_ami", "filter.values", "~noble-24.04-amd64", 1},
		}},
		{"scaling group of t3.small that goes to 6 at 7:30am on mondays and fridays and down to 2 at 7pm", []ncCheck{
			{"aws_autoscaling_schedule", "recurrence", "30 7 * * MON,FRI", 1},
			{"aws_autoscaling_schedule", "desired_capacity", "6", 1},
			{"aws_autoscaling_schedule", "recurrence", "0 19 * * MON,FRI", 1},
			{"aws_autoscaling_group", "max_size", "6", 1},
		}},
	})
}

func TestClockTime(t *testing.T) {
	type hm struct{ H, M int }
	tests := map[string]hm{"08:00": {8, 0}, "8am": {8, 0}, "7:30pm": {19, 30}, "noon": {12, 0}, "12am": {0, 0}}
	for in, want := range tests {
		h, m, _, ok := clockTime(Tokenize(in), 0)
		if diff := cmp.Diff(want, hm{h, m}); diff != "" || !ok {
			t.Errorf("clockTime(%q) ok=%v (-want +got):\n%s", in, ok, diff)
		}
	}
	if _, _, _, ok := clockTime(Tokenize("8"), 0); ok {
		t.Error("a bare number read as a time")
	}
}
