package cloudformation

import (
	"github.com/syncloud/syncloud/internal/spec"
)

func kinesisStream(c *conv) {
	c.propPairs("name", "Name", "shard_count", "ShardCount", "retention_period", "RetentionPeriodHours")
	c.nestedProp("stream_mode_details", "StreamModeDetails", func(n *conv) { n.prop("stream_mode", "StreamMode") })
	typ, hasType := c.get("encryption_type")
	key, hasKey := c.get("kms_key_id")
	if hasType && !(typ.Kind == spec.KindString && typ.Str == "NONE") {
		enc := map[string]any{"EncryptionType": c.value(typ)}
		if hasKey {
			enc["KeyId"] = c.value(key)
		}
		c.props["StreamEncryption"] = enc
	}
	c.drop("enforce_consumer_deletion")
	c.tags()
}

// efsFileSystem converts aws_efs_file_system; creation_token has no
// CloudFormation form (CloudFormation makes its own).
func efsFileSystem(c *conv) {
	c.propPairs("encrypted", "Encrypted", "kms_key_id", "KmsKeyId", "performance_mode", "PerformanceMode",
		"throughput_mode", "ThroughputMode", "provisioned_throughput_in_mibps", "ProvisionedThroughputInMibps",
		"availability_zone_name", "AvailabilityZoneName")
	c.drop("creation_token")
	c.nestedList("lifecycle_policy", "LifecyclePolicies", func(n *conv) {
		n.propPairs("transition_to_ia", "TransitionToIA", "transition_to_primary_storage_class", "TransitionToPrimaryStorageClass",
			"transition_to_archive", "TransitionToArchive")
	})
	c.tagsAs("FileSystemTags")
}

func efsMountTarget(c *conv) {
	c.propPairs("file_system_id", "FileSystemId", "subnet_id", "SubnetId", "security_groups", "SecurityGroups",
		"ip_address", "IpAddress")
}

// flowLog converts aws_flow_log; the one of vpc_id, subnet_id or eni_id it
// names becomes ResourceId with its ResourceType.
func flowLog(c *conv) {
	for _, target := range [][2]string{{"vpc_id", "VPC"}, {"subnet_id", "Subnet"}, {"eni_id", "NetworkInterface"},
		{"transit_gateway_id", "TransitGateway"}} {
		if v, ok := c.get(target[0]); ok {
			c.props["ResourceId"] = c.value(v)
			c.props["ResourceType"] = target[1]
		}
	}
	c.propPairs("traffic_type", "TrafficType", "log_destination_type", "LogDestinationType",
		"log_destination", "LogDestination", "log_group_name", "LogGroupName", "iam_role_arn", "DeliverLogsPermissionArn",
		"max_aggregation_interval", "MaxAggregationInterval", "log_format", "LogFormat")
	c.tags()
}

func keyPair(c *conv) {
	c.propPairs("key_name", "KeyName", "public_key", "PublicKeyMaterial")
	c.drop("key_name_prefix")
	c.tags()
}

func vpcEndpoint(c *conv) {
	c.propPairs("vpc_id", "VpcId", "service_name", "ServiceName", "vpc_endpoint_type", "VpcEndpointType",
		"route_table_ids", "RouteTableIds", "subnet_ids", "SubnetIds", "security_group_ids", "SecurityGroupIds",
		"private_dns_enabled", "PrivateDnsEnabled", "ip_address_type", "IpAddressType")
	c.propWith("policy", "PolicyDocument", jsonDoc)
	c.drop("auto_accept")
	c.tags()
}

func snsTopicPolicy(c *conv) {
	c.propWith("arn", "Topics", list)
	c.propWith("policy", "PolicyDocument", jsonDoc)
}

func secretRotation(c *conv) {
	c.propPairs("secret_id", "SecretId", "rotation_lambda_arn", "RotationLambdaARN",
		"rotate_immediately", "RotateImmediatelyOnUpdate")
	c.nestedProp("rotation_rules", "RotationRules", func(n *conv) {
		n.propPairs("automatically_after_days", "AutomaticallyAfterDays", "schedule_expression", "ScheduleExpression",
			"duration", "Duration")
	})
}

func acmCertificate(c *conv) {
	c.propPairs("domain_name", "DomainName", "subject_alternative_names", "SubjectAlternativeNames",
		"validation_method", "ValidationMethod", "key_algorithm", "KeyAlgorithm", "certificate_authority_arn", "CertificateAuthorityArn")
	c.tags()
}

// dbParameterGroup converts aws_db_parameter_group; its parameter blocks
// become the Parameters map (apply_method has no CloudFormation form).
func dbParameterGroup(c *conv) {
	c.propPairs("name", "DBParameterGroupName", "family", "Family")
	c.prop("description", "Description")
	if _, ok := c.props["Description"]; !ok {
		c.props["Description"] = "Managed by SynCloud" // required by CloudFormation
	}
	c.drop("name_prefix", "skip_destroy")
	params := map[string]any{}
	for _, b := range c.blocks("parameter") {
		p := c.nested("parameter", b, func(n *conv) {
			n.propPairs("name", "Name", "value", "Value")
			n.drop("apply_method")
		})
		if name, ok := p["Name"].(string); ok {
			c.checkKey(name)
			params[name] = p["Value"]
		}
	}
	if len(params) > 0 {
		c.props["Parameters"] = params
	}
	c.tags()
}
