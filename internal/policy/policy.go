package policy

import (
	"github.com/syncloud/syncloud/internal/spec"
)

// Harden applies secure defaults to s in place and returns the findings, in
// the order of s's resources and then of the rules. See the package
// documentation for what it may change and what it never overrides.
func Harden(s *spec.Stack) Findings {
	byKey := map[ruleKey][]rule{}
	for _, r := range rules() {
		byKey[r.key] = append(byKey[r.key], r)
	}
	var out Findings
	n := len(s.Resources) // resources added while hardening are secure by construction
	for i := 0; i < n; i++ {
		key := ruleKey{s.Resources[i].Mode, s.Resources[i].Type}
		for _, rl := range byKey[key] {
			// Take the pointer afresh: a rule may have added resources.
			r := &s.Resources[i]
			c := &check{stack: s, resource: r.Addr().String(), out: &out}
			rl.apply(c, r)
		}
	}
	return out
}

// ruleKey selects the resources a rule looks at.
type ruleKey struct {
	mode spec.Mode
	typ  string
}

// rule hardens or inspects one resource. A rule that adds resources to the
// stack must read everything it needs from r before the first Add, since Add
// may move the resources.
type rule struct {
	key   ruleKey
	apply func(c *check, r *spec.Resource)
}

func managed(typ string, apply func(*check, *spec.Resource)) rule {
	return rule{key: ruleKey{spec.Managed, typ}, apply: apply}
}

func data(typ string, apply func(*check, *spec.Resource)) rule {
	return rule{key: ruleKey{spec.Data, typ}, apply: apply}
}

// rules is the one list of every guardrail, grouped as the files are.
func rules() []rule {
	return []rule{
		managed("aws_s3_bucket", s3Bucket),
		managed("aws_s3_bucket_public_access_block", s3PublicAccessBlock),
		managed("aws_s3_bucket_server_side_encryption_configuration", s3Encryption),
		managed("aws_s3_bucket_acl", s3ACL),
		managed("aws_s3_bucket_policy", publicPolicy("CKV_AWS_70")),
		managed("aws_sqs_queue_policy", publicPolicy("CKV_AWS_168")),
		managed("aws_sns_topic_policy", publicPolicy("CKV_AWS_169")),

		managed("aws_instance", ec2Instance),
		managed("aws_launch_template", ec2LaunchTemplate),
		managed("aws_ebs_volume", ebsVolume),

		managed("aws_db_instance", rdsInstance),
		managed("aws_rds_cluster", rdsCluster),
		managed("aws_rds_cluster_instance", rdsClusterInstance),

		managed("aws_security_group", securityGroup),
		managed("aws_security_group_rule", securityGroupRule),
		managed("aws_vpc_security_group_ingress_rule", vpcIngressRule),

		managed("aws_sns_topic", snsTopic),
		managed("aws_sqs_queue", sqsQueue),
		managed("aws_kms_key", kmsKey),
		managed("aws_cloudwatch_log_group", logGroup),

		data("aws_iam_policy_document", iamPolicyDocument),
		managed("aws_iam_policy", iamPolicyJSON),
		managed("aws_iam_role_policy", iamPolicyJSON),
		managed("aws_iam_user_policy", iamPolicyJSON),
		managed("aws_iam_group_policy", iamPolicyJSON),
		managed("aws_iam_role", iamRoleManagedPolicies),
		managed("aws_iam_role_policy_attachment", iamAttachment),
		managed("aws_iam_user_policy_attachment", iamAttachment),
		managed("aws_iam_group_policy_attachment", iamAttachment),
		managed("aws_iam_policy_attachment", iamAttachment),

		managed("aws_efs_file_system", efsFileSystem),
		managed("aws_kinesis_stream", kinesisStream),

		managed("aws_lb", loadBalancer),
		managed("aws_lb_listener", listener),

		managed("aws_lambda_function_url", functionURL),
		managed("aws_apigatewayv2_stage", apiStage),
		managed("aws_apigatewayv2_route", apiRoute),
		managed("aws_ecs_service", ecsService),
		managed("aws_iam_access_key", accessKey),

		managed("aws_dynamodb_table", dynamoTable),
		managed("aws_ecr_repository", ecrRepository),
		managed("aws_lambda_function", lambdaFunction),
		managed("aws_elasticache_replication_group", elasticacheReplicationGroup),
		managed("aws_eks_cluster", eksCluster),
		managed("aws_cloudfront_distribution", cloudfrontDistribution),
	}
}
