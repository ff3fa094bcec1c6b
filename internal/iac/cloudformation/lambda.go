package cloudformation

// lambdaFunction converts aws_lambda_function. Code must come from S3 or an
// image: CloudFormation cannot upload a local file (filename), so that is
// an error rather than a template that would not deploy.
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
	if c.body.Has("filename") {
		c.failf("filename: CloudFormation cannot upload a local file; give the code as s3_bucket/s3_key or image_uri")
		c.drop("filename")
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
