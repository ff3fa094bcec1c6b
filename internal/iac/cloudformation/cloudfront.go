package cloudformation

// originAccessControl converts aws_cloudfront_origin_access_control.
func originAccessControl(c *conv) {
	cfg := c.sub(c.path, c.body)
	cfg.used = c.used
	cfg.propPairs("name", "Name", "description", "Description",
		"origin_access_control_origin_type", "OriginAccessControlOriginType",
		"signing_behavior", "SigningBehavior", "signing_protocol", "SigningProtocol")
	c.props["OriginAccessControlConfig"] = cfg.props
}

// distribution converts aws_cloudfront_distribution into a
// DistributionConfig. wait_for_deployment and retain_on_delete are
// Terraform-only behaviour.
func distribution(c *conv) {
	cfg := c.sub(c.path, c.body)
	cfg.used = c.used
	cfg.propPairs("enabled", "Enabled", "comment", "Comment", "default_root_object", "DefaultRootObject",
		"aliases", "Aliases", "price_class", "PriceClass", "http_version", "HttpVersion",
		"is_ipv6_enabled", "IPV6Enabled", "web_acl_id", "WebACLId")
	c.drop("wait_for_deployment", "retain_on_delete")
	cfg.nestedList("origin", "Origins", origin)
	cfg.nestedProp("default_cache_behavior", "DefaultCacheBehavior", cacheBehavior)
	cfg.nestedList("ordered_cache_behavior", "CacheBehaviors", cacheBehavior)
	cfg.nestedProp("restrictions", "Restrictions", func(n *conv) {
		n.nestedProp("geo_restriction", "GeoRestriction", func(g *conv) {
			g.propPairs("restriction_type", "RestrictionType", "locations", "Locations")
		})
	})
	cfg.nestedProp("viewer_certificate", "ViewerCertificate", func(n *conv) {
		n.propPairs("cloudfront_default_certificate", "CloudFrontDefaultCertificate", "acm_certificate_arn", "AcmCertificateArn",
			"ssl_support_method", "SslSupportMethod", "minimum_protocol_version", "MinimumProtocolVersion",
			"iam_certificate_id", "IamCertificateId")
	})
	cfg.nestedList("custom_error_response", "CustomErrorResponses", func(n *conv) {
		n.propPairs("error_code", "ErrorCode", "response_code", "ResponseCode", "response_page_path", "ResponsePagePath",
			"error_caching_min_ttl", "ErrorCachingMinTTL")
	})
	c.props["DistributionConfig"] = cfg.props
	c.tags()
}

func origin(n *conv) {
	n.propPairs("domain_name", "DomainName", "origin_id", "Id", "origin_path", "OriginPath",
		"origin_access_control_id", "OriginAccessControlId", "connection_attempts", "ConnectionAttempts",
		"connection_timeout", "ConnectionTimeout")
	n.nestedProp("s3_origin_config", "S3OriginConfig", func(m *conv) {
		m.prop("origin_access_identity", "OriginAccessIdentity")
	})
	n.nestedProp("custom_origin_config", "CustomOriginConfig", func(m *conv) {
		m.propPairs("http_port", "HTTPPort", "https_port", "HTTPSPort", "origin_protocol_policy", "OriginProtocolPolicy",
			"origin_ssl_protocols", "OriginSSLProtocols", "origin_read_timeout", "OriginReadTimeout",
			"origin_keepalive_timeout", "OriginKeepaliveTimeout")
	})
	if _, ok := n.props["OriginAccessControlId"]; ok {
		if _, s3 := n.props["S3OriginConfig"]; !s3 {
			// CloudFront wants an (empty) S3 origin config beside an origin access control.
			n.props["S3OriginConfig"] = map[string]any{"OriginAccessIdentity": ""}
		}
	}
}

func cacheBehavior(n *conv) {
	n.propPairs("path_pattern", "PathPattern", "target_origin_id", "TargetOriginId",
		"viewer_protocol_policy", "ViewerProtocolPolicy", "allowed_methods", "AllowedMethods",
		"cached_methods", "CachedMethods", "cache_policy_id", "CachePolicyId",
		"origin_request_policy_id", "OriginRequestPolicyId", "response_headers_policy_id", "ResponseHeadersPolicyId",
		"compress", "Compress", "min_ttl", "MinTTL", "default_ttl", "DefaultTTL", "max_ttl", "MaxTTL")
	n.nestedProp("forwarded_values", "ForwardedValues", func(m *conv) {
		m.propPairs("query_string", "QueryString", "headers", "Headers")
		m.nestedProp("cookies", "Cookies", func(k *conv) { k.propPairs("forward", "Forward", "whitelisted_names", "WhitelistedNames") })
	})
}

// cloudfrontHostedZoneID is the fixed Route 53 zone of every CloudFront
// domain, which Terraform exposes as hosted_zone_id.
func cloudfrontHostedZoneID(string) any { return "Z2FDTNDATAQYW2" }

// distributionARN builds a distribution's ARN from its ID.
func distributionARN(id string) any {
	return joinAll("", "arn:", pseudo("AWS::Partition"), ":cloudfront::", pseudo("AWS::AccountId"), ":distribution/", ref(id))
}
