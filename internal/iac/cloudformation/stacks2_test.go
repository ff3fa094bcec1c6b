package cloudformation

import (
	"github.com/syncloud/syncloud/internal/spec"
)

// scalingStack is an auto scaling group behind a load balancer in the
// default VPC, with the smaller services around it.
func scalingStack() *spec.Stack {
	sg := refTo("aws_security_group", "app", "id")
	subnets := dataRef("aws_subnets", "default", "ids")
	tg := refTo("aws_lb_target_group", "app", "arn")
	return &spec.Stack{Region: "us-west-2", Resources: []spec.Resource{
		dataRes("aws_vpc", "default", attr("default", b(true))),
		dataRes("aws_subnets", "default", blk("filter", attr("name", s("vpc-id")),
			attr("values", spec.List(dataRef("aws_vpc", "default", "id"))))),
		dataRes("aws_ami", "al2023", attr("most_recent", b(true)), attr("owners", spec.Strings("amazon")),
			blk("filter", attr("name", s("name")), attr("values", spec.Strings("al2023-ami-2023.*-arm64")))),
		res("aws_security_group", "app", attr("description", s("app servers"))),
		res("aws_vpc_security_group_ingress_rule", "http", attr("security_group_id", sg), attr("ip_protocol", s("tcp")),
			attr("from_port", n(80)), attr("to_port", n(80)), attr("cidr_ipv4", s("0.0.0.0/0"))),
		res("aws_vpc_security_group_egress_rule", "all", attr("security_group_id", sg), attr("ip_protocol", s("-1")),
			attr("cidr_ipv4", s("0.0.0.0/0"))),
		res("aws_key_pair", "ops", attr("key_name", s("ops")), attr("public_key", s("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHv ops@example"))),
		res("aws_launch_template", "app", attr("name_prefix", s("app-")), attr("image_id", dataRef("aws_ami", "al2023", "id")),
			attr("instance_type", s("t4g.small")), attr("key_name", refTo("aws_key_pair", "ops", "key_name")),
			attr("vpc_security_group_ids", spec.List(sg)), attr("user_data", s("IyEvYmluL3NoCmVjaG8gaGk=")),
			blk("block_device_mappings", attr("device_name", s("/dev/xvda")), blk("ebs", attr("volume_size", n(30)))),
			blk("tag_specifications", attr("resource_type", s("instance")), attr("tags", spec.StringMap(map[string]string{"Name": "app"})))),
		res("aws_lb", "web", attr("name_prefix", s("web-")), attr("load_balancer_type", s("application")),
			attr("internal", b(false)), attr("subnets", subnets), attr("security_groups", spec.List(sg)),
			attr("drop_invalid_header_fields", b(true))),
		res("aws_lb_target_group", "app", attr("port", n(80)), attr("protocol", s("HTTP")),
			attr("vpc_id", dataRef("aws_vpc", "default", "id")), attr("deregistration_delay", n(30)),
			blk("health_check", attr("path", s("/health")), attr("matcher", s("200-299")), attr("interval", n(15)))),
		res("aws_lb_listener", "http", attr("load_balancer_arn", refTo("aws_lb", "web", "arn")), attr("port", n(80)),
			attr("protocol", s("HTTP")), blk("default_action", attr("type", s("forward")), attr("target_group_arn", tg))),
		res("aws_autoscaling_group", "app", attr("name_prefix", s("app-")), attr("min_size", n(2)), attr("max_size", n(6)),
			attr("desired_capacity", n(2)), attr("vpc_zone_identifier", subnets), attr("health_check_type", s("ELB")),
			attr("target_group_arns", spec.List(tg)),
			blk("launch_template", attr("id", refTo("aws_launch_template", "app", "id")), attr("version", s("$Latest"))),
			blk("tag", attr("key", s("Name")), attr("value", s("app")), attr("propagate_at_launch", b(true)))),
		res("aws_autoscaling_policy", "cpu", attr("name", s("cpu50")),
			attr("autoscaling_group_name", refTo("aws_autoscaling_group", "app", "name")),
			attr("policy_type", s("TargetTrackingScaling")),
			blk("target_tracking_configuration", attr("target_value", n(50)),
				blk("predefined_metric_specification", attr("predefined_metric_type", s("ASGAverageCPUUtilization"))))),
		res("aws_instance", "batch", attr("ami", dataRef("aws_ami", "al2023", "id")), attr("instance_type", s("t4g.micro")),
			attr("subnet_id", dataRef("aws_subnets", "default", "ids.0"))),
		res("aws_kinesis_stream", "events", attr("name", s("events")), attr("shard_count", n(1)),
			attr("encryption_type", s("KMS")), attr("kms_key_id", s("alias/aws/kinesis")),
			blk("stream_mode_details", attr("stream_mode", s("PROVISIONED")))),
		res("aws_efs_file_system", "shared", attr("encrypted", b(true)),
			blk("lifecycle_policy", attr("transition_to_ia", s("AFTER_30_DAYS")))),
		res("aws_efs_mount_target", "shared", attr("file_system_id", refTo("aws_efs_file_system", "shared", "id")),
			attr("subnet_id", dataRef("aws_subnets", "default", "ids.0")), attr("security_groups", spec.List(sg))),
		res("aws_acm_certificate", "web", attr("domain_name", s("app.example.com")), attr("validation_method", s("DNS"))),
		res("aws_db_parameter_group", "pg", attr("family", s("postgres16")),
			blk("parameter", attr("name", s("log_min_duration_statement")), attr("value", s("500")))),
		res("aws_sns_topic", "alerts", attr("name", s("alerts"))),
		res("aws_sns_topic_policy", "alerts", attr("arn", refTo("aws_sns_topic", "alerts", "arn")),
			attr("policy", spec.JSON(spec.Map(map[string]spec.Value{"Version": s("2012-10-17"),
				"Statement": spec.List(spec.Map(map[string]spec.Value{"Effect": s("Allow"), "Action": s("sns:Publish"),
					"Principal": spec.Map(map[string]spec.Value{"Service": s("cloudwatch.amazonaws.com")}),
					"Resource":  refTo("aws_sns_topic", "alerts", "arn")}))})))),
	}}
}
