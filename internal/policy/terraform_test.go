package policy

import (
	"testing"

	"github.com/syncloud/syncloud/internal/iac/terraform"
	"github.com/syncloud/syncloud/internal/spec"
	"github.com/syncloud/syncloud/internal/tftest"
)

// broadStack touches every rule, with the risky choices a person may ask
// for, so that the hardened result can be checked by real Terraform.
func broadStack() *spec.Stack {
	str, num, yes, no := spec.String, spec.Int, spec.Bool(true), spec.Bool(false)
	bucket := spec.Address{Type: "aws_s3_bucket", Name: "site"}
	role := spec.Address{Type: "aws_iam_role", Name: "app"}
	sg := spec.RefTo(spec.Address{Type: "aws_security_group", Name: "web"}, "id")
	cluster := spec.Address{Type: "aws_rds_cluster", Name: "aurora"}
	return &spec.Stack{Region: "us-east-1", Tags: map[string]string{"Project": "policy-test"}, Resources: []spec.Resource{
		res("aws_s3_bucket", "site"),
		res("aws_s3_bucket_public_access_block", "site", attr("bucket", spec.RefTo(bucket, "id")),
			attr("block_public_policy", no), attr("restrict_public_buckets", no)),
		counted(res("aws_s3_bucket", "logs"), 2),
		res("aws_security_group", "web", blk("ingress", attr("from_port", num(22)), attr("to_port", num(22)),
			attr("protocol", str("tcp")), attr("cidr_blocks", spec.Strings("0.0.0.0/0")))),
		res("aws_vpc_security_group_ingress_rule", "rdp", attr("security_group_id", sg), attr("ip_protocol", str("tcp")),
			attr("from_port", num(3389)), attr("to_port", num(3389)), attr("cidr_ipv4", str("0.0.0.0/0"))),
		counted(res("aws_instance", "web", attr("ami", str("ami-0123456789abcdef0")), attr("instance_type", str("t3.micro")),
			attr("vpc_security_group_ids", spec.List(sg)), attr("associate_public_ip_address", yes)), 2),
		res("aws_launch_template", "app", attr("image_id", str("ami-0123456789abcdef0")),
			blk("block_device_mappings", attr("device_name", str("/dev/xvda")), blk("ebs", attr("volume_size", num(20))))),
		res("aws_ebs_volume", "data", attr("availability_zone", str("us-east-1a")), attr("size", num(10))),
		res("aws_db_instance", "db", attr("engine", str("postgres")), attr("instance_class", str("db.t4g.micro")),
			attr("allocated_storage", num(20)), attr("username", str("app")), attr("password", str("not-in-config-please"))),
		res("aws_rds_cluster", "aurora", attr("engine", str("aurora-postgresql")), attr("master_username", str("app"))),
		res("aws_rds_cluster_instance", "aurora", attr("cluster_identifier", spec.RefTo(cluster, "id")),
			attr("engine", str("aurora-postgresql")), attr("instance_class", str("db.r6g.large"))),
		res("aws_sns_topic", "alerts"),
		res("aws_sqs_queue", "jobs"),
		res("aws_kms_key", "main"),
		res("aws_cloudwatch_log_group", "app"),
		dataRes("aws_iam_policy_document", "admin", blk("statement", attr("actions", spec.Strings("*")),
			attr("resources", spec.Strings("*")))),
		res("aws_iam_role", "app", attr("assume_role_policy", str(
			`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"Service":"lambda.amazonaws.com"}}]}`))),
		res("aws_iam_role_policy_attachment", "admin", attr("role", spec.RefTo(role, "name")),
			attr("policy_arn", str("arn:aws:iam::aws:policy/AdministratorAccess"))),
		res("aws_dynamodb_table", "items", attr("name", str("items")), attr("billing_mode", str("PAY_PER_REQUEST")),
			attr("hash_key", str("pk")), blk("attribute", attr("name", str("pk")), attr("type", str("S")))),
		res("aws_ecr_repository", "app", attr("name", str("app"))),
		res("aws_lambda_function", "fn", attr("function_name", str("fn")), attr("role", spec.RefTo(role, "arn")),
			attr("runtime", str("python3.12")), attr("handler", str("app.handler")), attr("s3_bucket", str("artifacts")),
			attr("s3_key", str("fn.zip"))),
		res("aws_elasticache_replication_group", "cache", attr("replication_group_id", str("cache")),
			attr("description", str("cache")), attr("node_type", str("cache.t4g.micro")), attr("engine", str("redis"))),
		res("aws_efs_file_system", "shared"),
		res("aws_kinesis_stream", "events", attr("name", str("events")), attr("shard_count", num(1))),
		res("aws_lambda_function_url", "fn", attr("function_name", spec.RefTo(spec.Address{Type: "aws_lambda_function", Name: "fn"}, "function_name")),
			attr("authorization_type", str("NONE"))),
		res("aws_apigatewayv2_api", "api", attr("name", str("api")), attr("protocol_type", str("HTTP"))),
		res("aws_apigatewayv2_stage", "api", attr("api_id", spec.RefTo(spec.Address{Type: "aws_apigatewayv2_api", Name: "api"}, "id")),
			attr("name", str("$default")), attr("auto_deploy", yes)),
		res("aws_iam_user", "ci", attr("name", str("ci"))),
		res("aws_iam_access_key", "ci", attr("user", spec.RefTo(spec.Address{Type: "aws_iam_user", Name: "ci"}, "name"))),
		res("aws_sqs_queue_policy", "jobs", attr("queue_url", spec.RefTo(spec.Address{Type: "aws_sqs_queue", Name: "jobs"}, "id")),
			attr("policy", spec.JSON(spec.Map(map[string]spec.Value{"Version": str("2012-10-17"),
				"Statement": spec.List(spec.Map(map[string]spec.Value{"Effect": str("Allow"), "Principal": str("*"),
					"Action": str("sqs:SendMessage"), "Resource": spec.RefTo(spec.Address{Type: "aws_sqs_queue", Name: "jobs"}, "arn")}))})))),
		res("aws_lb", "web", attr("load_balancer_type", str("application")),
			attr("subnets", spec.Strings("subnet-0123456789abcdef0", "subnet-0123456789abcdef1"))),
		res("aws_lb_listener", "http", attr("load_balancer_arn", spec.RefTo(spec.Address{Type: "aws_lb", Name: "web"}, "arn")),
			attr("port", num(80)), attr("protocol", str("HTTP")), blk("default_action", attr("type", str("fixed-response")),
				blk("fixed_response", attr("content_type", str("text/plain")), attr("status_code", str("200"))))),
	}}
}

// TestHardenedStackValidates renders a hardened stack with the Terraform
// renderer and runs real `terraform validate` against the AWS provider from
// the filesystem mirror (SYNCLOUD_TF_PLUGIN_MIRROR, else /opt/tf-plugins).
func TestHardenedStackValidates(t *testing.T) {
	tf := tftest.New(t)
	s := broadStack()
	findings := Harden(s)
	if len(findings.Above(High)) == 0 {
		t.Errorf("the broad stack's risky requests gave no open HIGH findings")
	}
	files, err := terraform.Render(s, terraform.HCL, terraform.Options{})
	if err != nil {
		t.Fatalf("render: %v", err)
	}
	for _, p := range tf.ValidateModules(t, map[string]map[string][]byte{"hardened": files}) {
		t.Errorf("terraform validate rejected the hardened stack: %s\n%s", p, files["main.tf"])
	}
}
