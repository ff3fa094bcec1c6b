package cloudformation

import (
	"github.com/syncloud/syncloud/internal/spec"
)

// loadBalancer converts aws_lb to an ELBv2 load balancer; the arguments
// Terraform spells as fields but ELBv2 keeps as attributes become
// LoadBalancerAttributes. name_prefix is dropped: CloudFormation generates
// a unique name itself.
func loadBalancer(c *conv) {
	c.propPairs("name", "Name", "load_balancer_type", "Type", "subnets", "Subnets",
		"security_groups", "SecurityGroups", "ip_address_type", "IpAddressType")
	c.drop("name_prefix")
	if v, ok := c.get("internal"); ok {
		if v.Kind == spec.KindBool && v.Bool {
			c.props["Scheme"] = "internal"
		} else {
			c.props["Scheme"] = "internet-facing"
		}
	}
	attrs := lbAttributes(c, "enable_deletion_protection", "deletion_protection.enabled",
		"idle_timeout", "idle_timeout.timeout_seconds",
		"drop_invalid_header_fields", "routing.http.drop_invalid_header_fields.enabled",
		"enable_http2", "routing.http2.enabled", "enable_cross_zone_load_balancing", "load_balancing.cross_zone.enabled")
	for _, b := range c.blocks("access_logs") {
		c.nested("access_logs", b, func(n *conv) {
			attrs = append(attrs, lbAttributes(n, "enabled", "access_logs.s3.enabled", "bucket", "access_logs.s3.bucket",
				"prefix", "access_logs.s3.prefix")...)
		})
	}
	if len(attrs) > 0 {
		c.props["LoadBalancerAttributes"] = attrs
	}
	c.nestedList("subnet_mapping", "SubnetMappings", func(n *conv) {
		n.propPairs("subnet_id", "SubnetId", "allocation_id", "AllocationId",
			"private_ipv4_address", "PrivateIPv4Address", "ipv6_address", "IPv6Address")
	})
	c.tags()
}

// lbAttributes turns arguments into ELBv2 {Key, Value} attributes, whose
// values CloudFormation types as strings. Pairs are arg, key, arg, key...
func lbAttributes(c *conv, pairs ...string) []any {
	var out []any
	for i := 0; i+1 < len(pairs); i += 2 {
		if v, ok := c.get(pairs[i]); ok {
			out = append(out, map[string]any{"Key": pairs[i+1], "Value": str(c, v)})
		}
	}
	return out
}

// targetGroup converts aws_lb_target_group and folds in the
// aws_lb_target_group_attachment resources that register targets in it.
func targetGroup(c *conv) {
	c.propPairs("name", "Name", "port", "Port", "protocol", "Protocol", "vpc_id", "VpcId",
		"target_type", "TargetType", "protocol_version", "ProtocolVersion", "ip_address_type", "IpAddressType")
	c.drop("name_prefix")
	if attrs := lbAttributes(c, "deregistration_delay", "deregistration_delay.timeout_seconds",
		"slow_start", "slow_start.duration_seconds", "load_balancing_algorithm_type", "load_balancing.algorithm.type"); len(attrs) > 0 {
		c.props["TargetGroupAttributes"] = attrs
	}
	for _, b := range c.blocks("health_check") {
		hc := c.nested("health_check", b, func(n *conv) {
			n.propPairs("enabled", "HealthCheckEnabled", "path", "HealthCheckPath", "protocol", "HealthCheckProtocol",
				"interval", "HealthCheckIntervalSeconds", "timeout", "HealthCheckTimeoutSeconds",
				"healthy_threshold", "HealthyThresholdCount", "unhealthy_threshold", "UnhealthyThresholdCount")
			n.propWith("port", "HealthCheckPort", str)
			n.propWith("matcher", "Matcher", func(n *conv, v spec.Value) any { return map[string]any{"HttpCode": n.value(v)} })
		})
		for k, v := range hc {
			c.props[k] = v
		}
	}
	var targets []any
	c.eachFolded(ofType("aws_lb_target_group_attachment"), func(s *conv) {
		s.drop("target_group_arn")
		s.propPairs("target_id", "Id", "port", "Port", "availability_zone", "AvailabilityZone")
		targets = append(targets, s.props)
	})
	if len(targets) > 0 {
		c.props["Targets"] = targets
	}
	c.tags()
}

// listener converts aws_lb_listener with its default actions.
func listener(c *conv) {
	c.propPairs("load_balancer_arn", "LoadBalancerArn", "port", "Port", "protocol", "Protocol",
		"ssl_policy", "SslPolicy", "alpn_policy", "AlpnPolicy")
	if v, ok := c.get("certificate_arn"); ok {
		c.props["Certificates"] = []any{map[string]any{"CertificateArn": c.value(v)}}
	}
	c.nestedList("default_action", "DefaultActions", listenerAction)
	c.drop("tags", "tags_all") // AWS::ElasticLoadBalancingV2::Listener takes no tags
}

// listenerAction converts a default_action or action block.
func listenerAction(n *conv) {
	n.propPairs("type", "Type", "target_group_arn", "TargetGroupArn", "order", "Order")
	n.nestedProp("redirect", "RedirectConfig", func(m *conv) {
		m.propPairs("protocol", "Protocol", "host", "Host", "path", "Path", "query", "Query", "status_code", "StatusCode")
		m.propWith("port", "Port", str)
	})
	n.nestedProp("fixed_response", "FixedResponseConfig", func(m *conv) {
		m.propPairs("content_type", "ContentType", "message_body", "MessageBody", "status_code", "StatusCode")
	})
}

// listenerRule converts aws_lb_listener_rule with path and host conditions.
func listenerRule(c *conv) {
	c.propPairs("listener_arn", "ListenerArn", "priority", "Priority")
	c.nestedList("action", "Actions", listenerAction)
	c.nestedList("condition", "Conditions", func(n *conv) {
		for _, f := range []struct{ block, field, config string }{
			{"path_pattern", "path-pattern", "PathPatternConfig"}, {"host_header", "host-header", "HostHeaderConfig"}} {
			if bs := n.blocks(f.block); len(bs) > 0 {
				n.props["Field"] = f.field
				n.props[f.config] = n.nested(f.block, bs[0], func(m *conv) { m.prop("values", "Values") })
			}
		}
	})
	c.drop("tags", "tags_all")
}
