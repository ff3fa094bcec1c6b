package policy

import (
	"testing"

	"github.com/syncloud/syncloud/internal/spec"
)

func TestServices(t *testing.T) {
	name := func(n string) spec.Attr { return attr("name", spec.String(n)) }
	rg := func(items ...any) spec.Resource {
		base := []any{attr("replication_group_id", spec.String("cache")), attr("description", spec.String("cache"))}
		return res("aws_elasticache_replication_group", "cache", append(base, items...)...)
	}
	eks := func(items ...any) spec.Resource {
		base := []any{name("k8s"), attr("role_arn", spec.String("arn:aws:iam::123456789012:role/eks"))}
		return res("aws_eks_cluster", "k8s", append(base, items...)...)
	}
	cf := func(policy string) spec.Resource {
		return res("aws_cloudfront_distribution", "cdn", blk("default_cache_behavior",
			attr("viewer_protocol_policy", spec.String(policy))))
	}
	runHarden(t, []hardenCase{{
		name: "defaults and advice",
		in: []spec.Resource{
			res("aws_dynamodb_table", "t", name("t")),
			res("aws_ecr_repository", "r", name("r")),
			res("aws_lambda_function", "f", attr("function_name", spec.String("f")), attr("role", spec.String("arn:aws:iam::1:role/x"))),
			rg(),
			eks(blk("vpc_config", attr("subnet_ids", spec.Strings("subnet-1", "subnet-2")))),
		},
		want: []spec.Resource{
			res("aws_dynamodb_table", "t", name("t")),
			res("aws_ecr_repository", "r", name("r"), blk("image_scanning_configuration", attr("scan_on_push", spec.Bool(true)))),
			res("aws_lambda_function", "f", attr("function_name", spec.String("f")), attr("role", spec.String("arn:aws:iam::1:role/x"))),
			rg(attr("at_rest_encryption_enabled", spec.Bool(true)), attr("transit_encryption_enabled", spec.Bool(true))),
			eks(blk("vpc_config", attr("subnet_ids", spec.Strings("subnet-1", "subnet-2")))),
		},
		findings: Findings{
			advice("CKV_AWS_28", Low, "aws_dynamodb_table.t", "point_in_time_recovery"),
			fixed("CKV_AWS_163", Medium, "aws_ecr_repository.r", "image_scanning_configuration.scan_on_push"),
			advice("CKV_AWS_50", Low, "aws_lambda_function.f", "tracing_config.mode"),
			fixed("CKV_AWS_29", High, "aws_elasticache_replication_group.cache", "at_rest_encryption_enabled"),
			fixed("CKV_AWS_30", High, "aws_elasticache_replication_group.cache", "transit_encryption_enabled"),
			advice("CKV_AWS_39", Low, "aws_eks_cluster.k8s", "vpc_config.endpoint_public_access"),
		},
	}, {
		name: "explicit choices kept",
		in: []spec.Resource{
			res("aws_dynamodb_table", "t", name("t"), blk("point_in_time_recovery", attr("enabled", spec.Bool(false)))),
			res("aws_ecr_repository", "r", name("r"), blk("image_scanning_configuration", attr("scan_on_push", spec.Bool(false)))),
			rg(attr("at_rest_encryption_enabled", spec.Bool(false)), attr("transit_encryption_enabled", spec.Bool(false))),
			eks(blk("vpc_config", attr("subnet_ids", spec.Strings("subnet-1")), attr("endpoint_public_access", spec.Bool(true)))),
			cf("allow-all"),
		},
		findings: Findings{
			requested("CKV_AWS_28", Low, "aws_dynamodb_table.t", "point_in_time_recovery.enabled"),
			requested("CKV_AWS_163", High, "aws_ecr_repository.r", "image_scanning_configuration.scan_on_push"),
			requested("CKV_AWS_29", High, "aws_elasticache_replication_group.cache", "at_rest_encryption_enabled"),
			requested("CKV_AWS_30", High, "aws_elasticache_replication_group.cache", "transit_encryption_enabled"),
			requested("CKV_AWS_39", Low, "aws_eks_cluster.k8s", "vpc_config.endpoint_public_access"),
			requested("CKV_AWS_34", Medium, "aws_cloudfront_distribution.cdn", "default_cache_behavior.viewer_protocol_policy"),
		},
		partial: true, // the distribution leaves out its origin and certificate
	}, {
		name: "secure explicit choices give no findings",
		in: []spec.Resource{
			res("aws_dynamodb_table", "t", name("t"), blk("point_in_time_recovery", attr("enabled", spec.Bool(true)))),
			res("aws_lambda_function", "f", attr("function_name", spec.String("f")), attr("role", spec.String("arn:aws:iam::1:role/x")),
				blk("tracing_config", attr("mode", spec.String("Active")))),
			eks(blk("vpc_config", attr("subnet_ids", spec.Strings("subnet-1")), attr("endpoint_public_access", spec.Bool(false)))),
			cf("redirect-to-https"),
		},
		partial: true,
	}})
}
