package cloudformation

func httpAPI(c *conv) {
	c.propPairs("name", "Name", "protocol_type", "ProtocolType", "description", "Description",
		"route_selection_expression", "RouteSelectionExpression", "disable_execute_api_endpoint", "DisableExecuteApiEndpoint")
	c.nestedProp("cors_configuration", "CorsConfiguration", func(n *conv) {
		n.propPairs("allow_origins", "AllowOrigins", "allow_methods", "AllowMethods", "allow_headers", "AllowHeaders",
			"expose_headers", "ExposeHeaders", "max_age", "MaxAge", "allow_credentials", "AllowCredentials")
	})
	c.tagsMap("Tags")
}

func apiStage(c *conv) {
	c.propPairs("api_id", "ApiId", "name", "StageName", "auto_deploy", "AutoDeploy", "description", "Description")
	c.nestedProp("access_log_settings", "AccessLogSettings", func(n *conv) {
		n.propPairs("destination_arn", "DestinationArn", "format", "Format")
	})
	c.nestedProp("default_route_settings", "DefaultRouteSettings", func(n *conv) {
		n.propPairs("throttling_rate_limit", "ThrottlingRateLimit", "throttling_burst_limit", "ThrottlingBurstLimit",
			"detailed_metrics_enabled", "DetailedMetricsEnabled", "logging_level", "LoggingLevel",
			"data_trace_enabled", "DataTraceEnabled")
	})
	c.tagsMap("Tags")
}

func apiIntegration(c *conv) {
	c.propPairs("api_id", "ApiId", "integration_type", "IntegrationType", "integration_uri", "IntegrationUri",
		"integration_method", "IntegrationMethod", "payload_format_version", "PayloadFormatVersion",
		"timeout_milliseconds", "TimeoutInMillis", "connection_type", "ConnectionType", "description", "Description")
}

func apiRoute(c *conv) {
	c.propPairs("api_id", "ApiId", "route_key", "RouteKey", "target", "Target",
		"authorization_type", "AuthorizationType", "authorizer_id", "AuthorizerId")
}

func functionURL(c *conv) {
	c.propPairs("function_name", "TargetFunctionArn", "authorization_type", "AuthType", "qualifier", "Qualifier",
		"invoke_mode", "InvokeMode")
	c.nestedProp("cors", "Cors", func(n *conv) {
		n.propPairs("allow_origins", "AllowOrigins", "allow_methods", "AllowMethods", "allow_headers", "AllowHeaders",
			"expose_headers", "ExposeHeaders", "max_age", "MaxAge", "allow_credentials", "AllowCredentials")
	})
}

// lambdaInvokeARN is the ARN API Gateway invokes a function by, which
// CloudFormation has no attribute for: it is built from the function's ARN.
func lambdaInvokeARN(id string) any {
	return joinAll("", "arn:", pseudo("AWS::Partition"), ":apigateway:", pseudo("AWS::Region"),
		":lambda:path/2015-03-31/functions/", getAtt(id, "Arn"), "/invocations")
}

// apiExecutionARN is an API's execute-api ARN, built from its ID.
func apiExecutionARN(id string) any {
	return joinAll("", "arn:", pseudo("AWS::Partition"), ":execute-api:", pseudo("AWS::Region"), ":",
		pseudo("AWS::AccountId"), ":", ref(id))
}
