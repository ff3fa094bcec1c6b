package cloudformation

import (
	"path"

	"github.com/syncloud/syncloud/internal/spec"
)

// lambdaFunction converts aws_lambda_function. CloudFormation cannot
// upload a local file: code given as filename becomes two parameters, the
// S3 bucket and key where the deployer uploaded that file (the key defaults
// to the file's name).
func lambdaFunction(c *conv) {
	c.propPairs("function_name", "FunctionName", "role", "Role", "runtime", "Runtime", "handler", "Handler",
		"memory_size", "MemorySize", "timeout", "Timeout", "architectures", "Architectures", "description", "Description",
		"kms_key_arn", "KmsKeyArn", "reserved_concurrent_executions", "ReservedConcurrentExecutions",
		"layers", "Layers", "package_type", "PackageType", "code_signing_config_arn", "CodeSigningConfigArn")
	code := map[string]any{}
	for arg, name := range map[string]string{"s3_bucket": "S3Bucket", "s3_key": "S3Key",
		"s3_object_version": "S3ObjectVersion", "image_uri": "ImageUri"} {
		if v, ok := c.get(arg); ok {
			code[name] = c.value(v)
		}
	}
	if v, ok := c.get("filename"); ok {
		codeParameters(c, v, code)
	}
	c.props["Code"] = code
	c.drop("source_code_hash", "publish", "skip_destroy", "replace_security_groups_on_destroy",
		"replacement_security_group_ids") // Terraform-only update and destroy behaviour
	c.nestedProp("environment", "Environment", func(n *conv) { n.prop("variables", "Variables") })
	c.nestedProp("tracing_config", "TracingConfig", func(n *conv) { n.prop("mode", "Mode") })
	c.nestedProp("vpc_config", "VpcConfig", func(n *conv) {
		n.propPairs("subnet_ids", "SubnetIds", "security_group_ids", "SecurityGroupIds",
			"ipv6_allowed_for_dual_stack", "Ipv6AllowedForDualStack")
	})
	c.nestedProp("dead_letter_config", "DeadLetterConfig", func(n *conv) { n.prop("target_arn", "TargetArn") })
	c.nestedProp("ephemeral_storage", "EphemeralStorage", func(n *conv) { n.prop("size", "Size") })
	c.tags()
}

func lambdaPermission(c *conv) {
	c.propPairs("action", "Action", "function_name", "FunctionName", "principal", "Principal",
		"source_arn", "SourceArn", "source_account", "SourceAccount", "event_source_token", "EventSourceToken",
		"function_url_auth_type", "FunctionUrlAuthType", "principal_org_id", "PrincipalOrgID")
	c.drop("statement_id", "statement_id_prefix", "qualifier")
}

func lambdaEventSourceMapping(c *conv) {
	c.propPairs("event_source_arn", "EventSourceArn", "function_name", "FunctionName", "batch_size", "BatchSize",
		"enabled", "Enabled", "starting_position", "StartingPosition",
		"maximum_batching_window_in_seconds", "MaximumBatchingWindowInSeconds",
		"function_response_types", "FunctionResponseTypes")
}

// codeParameters adds the bucket and key parameters for a function whose
// code is a local file.
func codeParameters(c *conv, filename spec.Value, code map[string]any) {
	if filename.Kind != spec.KindString {
		c.failf("filename must be a literal file name")
		return
	}
	name := path.Base(filename.Str)
	bucket := c.r.reserve(c.id + "CodeBucket")
	key := c.r.reserve(c.id + "CodeKey")
	c.r.params[bucket] = parameter{Type: "String",
		Description: "S3 bucket you uploaded " + name + " to, the code of " + c.res.Addr().String()}
	c.r.params[key] = parameter{Type: "String", Default: name,
		Description: "S3 key of " + name + " in that bucket"}
	code["S3Bucket"] = ref(bucket)
	code["S3Key"] = ref(key)
}
