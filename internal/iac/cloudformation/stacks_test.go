package cloudformation

import (
	"github.com/syncloud/syncloud/internal/spec"
)

// networkStack is a two-tier VPC: public and private subnets, an internet
// gateway, a NAT gateway, route tables and security groups in every form.
func networkStack() *spec.Stack {
	vpc := refTo("aws_vpc", "main", "id")
	web := refTo("aws_security_group", "web", "id")
	return &spec.Stack{Region: "eu-west-1", Tags: map[string]string{"Project": "demo"}, Resources: []spec.Resource{
		dataRes("aws_availability_zones", "available", attr("state", s("available"))),
		res("aws_vpc", "main", attr("cidr_block", s("10.0.0.0/16")), attr("enable_dns_hostnames", b(true)),
			attr("tags", spec.StringMap(map[string]string{"Name": "main"}))),
		res("aws_subnet", "public", attr("vpc_id", vpc), attr("cidr_block", s("10.0.1.0/24")),
			attr("availability_zone", dataRef("aws_availability_zones", "available", "names.0")),
			attr("map_public_ip_on_launch", b(true))),
		res("aws_subnet", "private", attr("vpc_id", vpc), attr("cidr_block", s("10.0.2.0/24")),
			attr("availability_zone", dataRef("aws_availability_zones", "available", "names.1"))),
		res("aws_internet_gateway", "main", attr("vpc_id", vpc)),
		res("aws_eip", "nat", attr("domain", s("vpc"))),
		res("aws_nat_gateway", "main", attr("allocation_id", refTo("aws_eip", "nat", "id")),
			attr("subnet_id", refTo("aws_subnet", "public", "id"))),
		res("aws_route_table", "public", attr("vpc_id", vpc),
			blk("route", attr("cidr_block", s("0.0.0.0/0")), attr("gateway_id", refTo("aws_internet_gateway", "main", "id")))),
		res("aws_route_table", "private", attr("vpc_id", vpc)),
		res("aws_route", "private_nat", attr("route_table_id", refTo("aws_route_table", "private", "id")),
			attr("destination_cidr_block", s("0.0.0.0/0")), attr("nat_gateway_id", refTo("aws_nat_gateway", "main", "id"))),
		res("aws_route_table_association", "public", attr("subnet_id", refTo("aws_subnet", "public", "id")),
			attr("route_table_id", refTo("aws_route_table", "public", "id"))),
		res("aws_route_table_association", "private", attr("subnet_id", refTo("aws_subnet", "private", "id")),
			attr("route_table_id", refTo("aws_route_table", "private", "id"))),
		res("aws_security_group", "web", attr("name", s("web")), attr("description", s("HTTPS in, all out")),
			attr("vpc_id", vpc),
			blk("ingress", attr("description", s("HTTPS")), attr("from_port", n(443)), attr("to_port", n(443)),
				attr("protocol", s("tcp")), attr("cidr_blocks", spec.Strings("0.0.0.0/0")), attr("ipv6_cidr_blocks", spec.Strings("::/0"))),
			blk("ingress", attr("from_port", n(0)), attr("to_port", n(0)), attr("protocol", s("-1")), attr("self", b(true))),
			blk("egress", attr("from_port", n(0)), attr("to_port", n(0)), attr("protocol", s("-1")),
				attr("cidr_blocks", spec.Strings("0.0.0.0/0")))),
		res("aws_security_group", "db", attr("description", s("Postgres from web")), attr("vpc_id", vpc)),
		res("aws_security_group_rule", "db_from_web", attr("type", s("ingress")),
			attr("security_group_id", refTo("aws_security_group", "db", "id")), attr("from_port", n(5432)),
			attr("to_port", n(5432)), attr("protocol", s("tcp")), attr("source_security_group_id", web)),
		res("aws_vpc_security_group_ingress_rule", "db_office", attr("security_group_id", refTo("aws_security_group", "db", "id")),
			attr("ip_protocol", s("tcp")), attr("from_port", n(5432)), attr("to_port", n(5432)),
			attr("cidr_ipv4", s("203.0.113.0/24")), attr("description", s("office"))),
		res("aws_vpc_security_group_egress_rule", "db_all", attr("security_group_id", refTo("aws_security_group", "db", "id")),
			attr("ip_protocol", s("-1")), attr("cidr_ipv4", s("0.0.0.0/0"))),
	}}
}

// webStack is EC2 web servers from an Ubuntu AMI lookup, a data volume,
// a bucket and DNS, before policy hardening.
func webStack() *spec.Stack {
	return &spec.Stack{Region: "us-east-1", Resources: []spec.Resource{
		dataRes("aws_ami", "ubuntu", attr("most_recent", b(true)), attr("owners", spec.Strings("099720109477")),
			blk("filter", attr("name", s("name")), attr("values", spec.Strings("ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-*")))),
		res("aws_vpc", "main", attr("cidr_block", s("10.0.0.0/16"))),
		res("aws_subnet", "a", attr("vpc_id", refTo("aws_vpc", "main", "id")), attr("cidr_block", s("10.0.1.0/24"))),
		res("aws_security_group", "web", attr("vpc_id", refTo("aws_vpc", "main", "id")),
			blk("ingress", attr("from_port", n(22)), attr("to_port", n(22)), attr("protocol", s("tcp")),
				attr("cidr_blocks", spec.Strings("0.0.0.0/0")))),
		counted(res("aws_instance", "web", attr("ami", dataRef("aws_ami", "ubuntu", "id")),
			attr("instance_type", s("t3.micro")), attr("subnet_id", refTo("aws_subnet", "a", "id")),
			attr("vpc_security_group_ids", spec.List(refTo("aws_security_group", "web", "id"))),
			attr("associate_public_ip_address", b(true)),
			attr("user_data", s("#!/bin/sh\necho \"${HOME}\" {\"Ref\": \"x\"}\n")),
			attr("tags", spec.StringMap(map[string]string{"Name": "web"})),
			blk("root_block_device", attr("volume_size", n(20)))), 2),
		res("aws_ebs_volume", "data", attr("availability_zone", spec.RefIndex(addr("aws_instance", "web"), 0, "availability_zone")),
			attr("size", n(100)), attr("type", s("gp3")), attr("final_snapshot", b(true))),
		res("aws_volume_attachment", "data", attr("device_name", s("/dev/sdf")),
			attr("instance_id", spec.RefIndex(addr("aws_instance", "web"), 0, "id")),
			attr("volume_id", refTo("aws_ebs_volume", "data", "id"))),
		res("aws_s3_bucket", "assets", attr("bucket_prefix", s("assets-")), attr("force_destroy", b(true))),
		counted(res("aws_s3_bucket", "logs"), 2), // policy adds one public access block and encryption per instance
		res("aws_s3_bucket_versioning", "assets", attr("bucket", refTo("aws_s3_bucket", "assets", "id")),
			blk("versioning_configuration", attr("status", s("Enabled")))),
		res("aws_s3_bucket_lifecycle_configuration", "assets", attr("bucket", refTo("aws_s3_bucket", "assets", "id")),
			blk("rule", attr("id", s("expire-old")), attr("status", s("Enabled")), blk("filter", attr("prefix", s("tmp/"))),
				blk("expiration", attr("days", n(30))),
				blk("transition", attr("days", n(10)), attr("storage_class", s("STANDARD_IA"))))),
		res("aws_route53_zone", "main", attr("name", s("example.com"))),
		res("aws_route53_record", "www", attr("zone_id", refTo("aws_route53_zone", "main", "zone_id")),
			attr("name", s("www.example.com")), attr("type", s("A")), attr("ttl", n(300)),
			attr("records", spec.RefSplat(addr("aws_instance", "web"), "public_ip"))),
		res("aws_cloudwatch_metric_alarm", "cpu", attr("alarm_name", s("web-cpu")),
			attr("comparison_operator", s("GreaterThanThreshold")), attr("evaluation_periods", n(2)),
			attr("metric_name", s("CPUUtilization")), attr("namespace", s("AWS/EC2")), attr("period", n(300)),
			attr("statistic", s("Average")), attr("threshold", n(80)),
			attr("dimensions", spec.Map(map[string]spec.Value{"InstanceId": spec.RefIndex(addr("aws_instance", "web"), 0, "id")}))),
	}}
}

// appStack is a serverless and data back end: a Lambda with its role and
// policy document, queues, a topic, a table, keys, a secret, a registry,
// a cluster, a database and a cache.
func appStack() *spec.Stack {
	role := addr("aws_iam_role", "fn")
	return &spec.Stack{Region: "eu-central-1", Tags: map[string]string{"Team": "core"}, Resources: []spec.Resource{
		dataRes("aws_iam_policy_document", "assume", blk("statement", attr("actions", spec.Strings("sts:AssumeRole")),
			blk("principals", attr("type", s("Service")), attr("identifiers", spec.Strings("lambda.amazonaws.com"))))),
		dataRes("aws_iam_policy_document", "fn", blk("statement", attr("effect", s("Allow")),
			attr("actions", spec.Strings("sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes")),
			attr("resources", spec.List(refTo("aws_sqs_queue", "jobs", "arn"))),
			blk("condition", attr("test", s("StringEquals")), attr("variable", s("aws:SourceAccount")),
				attr("values", spec.List(dataRef("aws_caller_identity", "me", "account_id")))))),
		dataRes("aws_caller_identity", "me"),
		res("aws_iam_role", "fn", attr("name_prefix", s("fn-")),
			attr("assume_role_policy", dataRef("aws_iam_policy_document", "assume", "json"))),
		res("aws_iam_role_policy_attachment", "fn", attr("role", spec.RefTo(role, "name")),
			attr("policy_arn", s("arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"))),
		res("aws_iam_role_policy", "fn", attr("name", s("queue")), attr("role", spec.RefTo(role, "id")),
			attr("policy", dataRef("aws_iam_policy_document", "fn", "json"))),
		res("aws_kms_key", "main", attr("description", s("app data"))),
		res("aws_kms_alias", "main", attr("name", s("alias/app")), attr("target_key_id", refTo("aws_kms_key", "main", "key_id"))),
		res("aws_sqs_queue", "dlq", attr("name", s("jobs-dlq"))),
		res("aws_sqs_queue", "jobs", attr("name", s("jobs")), attr("visibility_timeout_seconds", n(60)),
			attr("redrive_policy", spec.JSON(spec.Map(map[string]spec.Value{
				"deadLetterTargetArn": refTo("aws_sqs_queue", "dlq", "arn"), "maxReceiveCount": n(5)})))),
		res("aws_sns_topic", "events", attr("name", s("events"))),
		res("aws_sns_topic_subscription", "jobs", attr("topic_arn", refTo("aws_sns_topic", "events", "arn")),
			attr("protocol", s("sqs")), attr("endpoint", refTo("aws_sqs_queue", "jobs", "arn")),
			attr("raw_message_delivery", b(true))),
		res("aws_cloudwatch_log_group", "fn", attr("name", s("/aws/lambda/worker"))),
		res("aws_lambda_function", "worker", attr("function_name", s("worker")), attr("role", spec.RefTo(role, "arn")),
			attr("runtime", s("python3.12")), attr("handler", s("app.handler")), attr("s3_bucket", s("my-artifacts")),
			attr("s3_key", s("worker.zip")), attr("memory_size", n(256)), attr("timeout", n(30)),
			blk("environment", attr("variables", spec.Map(map[string]spec.Value{
				"TABLE": refTo("aws_dynamodb_table", "items", "name"), "MODE": s("${not.a.ref}"),
				"CONF": spec.JSON(spec.Map(map[string]spec.Value{"debug": b(false)}))}))),
			blk("tracing_config", attr("mode", s("Active")))),
		res("aws_lambda_event_source_mapping", "jobs", attr("event_source_arn", refTo("aws_sqs_queue", "jobs", "arn")),
			attr("function_name", refTo("aws_lambda_function", "worker", "arn")), attr("batch_size", n(10))),
		res("aws_dynamodb_table", "items", attr("name", s("items")), attr("billing_mode", s("PAY_PER_REQUEST")),
			attr("hash_key", s("pk")), attr("range_key", s("sk")),
			blk("attribute", attr("name", s("pk")), attr("type", s("S"))),
			blk("attribute", attr("name", s("sk")), attr("type", s("S"))),
			blk("ttl", attr("attribute_name", s("expires")), attr("enabled", b(true)))),
		res("aws_secretsmanager_secret", "api", attr("name", s("app/api-key")), attr("kms_key_id", refTo("aws_kms_key", "main", "arn"))),
		res("aws_ecr_repository", "app", attr("name", s("app"))),
		res("aws_ecs_cluster", "main", attr("name", s("main")),
			blk("setting", attr("name", s("containerInsights")), attr("value", s("enabled")))),
		res("aws_db_subnet_group", "main", attr("subnet_ids", spec.Strings("subnet-0a", "subnet-0b"))),
		res("aws_db_instance", "main", attr("identifier", s("app")), attr("engine", s("postgres")),
			attr("engine_version", s("16.8")), attr("instance_class", s("db.t4g.micro")), attr("allocated_storage", n(20)),
			attr("username", s("app")), attr("password", s("literal-secret-dropped-by-policy")),
			attr("db_subnet_group_name", refTo("aws_db_subnet_group", "main", "name")), attr("skip_final_snapshot", b(true))),
		res("aws_elasticache_subnet_group", "main", attr("name", s("cache")), attr("subnet_ids", spec.Strings("subnet-0a", "subnet-0b"))),
		res("aws_elasticache_replication_group", "cache", attr("replication_group_id", s("cache")),
			attr("description", s("app cache")), attr("node_type", s("cache.t4g.micro")), attr("engine", s("redis")),
			attr("num_cache_clusters", n(2)), attr("automatic_failover_enabled", b(true)),
			attr("subnet_group_name", refTo("aws_elasticache_subnet_group", "main", "name"))),
	}}
}
