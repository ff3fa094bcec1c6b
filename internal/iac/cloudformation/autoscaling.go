package cloudformation

import (
	"github.com/syncloud/syncloud/internal/spec"
)

// launchTemplate converts aws_launch_template. Terraform's user_data here is
// already base64, as CloudFormation wants it; the template's own tags go in
// a "launch-template" tag specification.
func launchTemplate(c *conv) {
	c.prop("name", "LaunchTemplateName")
	c.drop("name_prefix", "update_default_version", "default_version")
	data := c.sub(c.path, c.body)
	data.used = c.used
	data.propPairs("image_id", "ImageId", "instance_type", "InstanceType", "key_name", "KeyName",
		"vpc_security_group_ids", "SecurityGroupIds", "security_group_names", "SecurityGroups", "user_data", "UserData",
		"disable_api_termination", "DisableApiTermination", "disable_api_stop", "DisableApiStop",
		"instance_initiated_shutdown_behavior", "InstanceInitiatedShutdownBehavior", "kernel_id", "KernelId", "ram_disk_id", "RamDiskId")
	data.propWith("ebs_optimized", "EbsOptimized", boolish)
	data.nestedProp("iam_instance_profile", "IamInstanceProfile", func(n *conv) { n.propPairs("name", "Name", "arn", "Arn") })
	data.nestedProp("monitoring", "Monitoring", func(n *conv) { n.prop("enabled", "Enabled") })
	data.nestedProp("metadata_options", "MetadataOptions", func(n *conv) {
		n.propPairs("http_tokens", "HttpTokens", "http_endpoint", "HttpEndpoint",
			"http_put_response_hop_limit", "HttpPutResponseHopLimit", "instance_metadata_tags", "InstanceMetadataTags",
			"http_protocol_ipv6", "HttpProtocolIpv6")
	})
	data.nestedList("block_device_mappings", "BlockDeviceMappings", func(n *conv) {
		n.propPairs("device_name", "DeviceName", "no_device", "NoDevice", "virtual_name", "VirtualName")
		n.nestedProp("ebs", "Ebs", func(e *conv) {
			e.propPairs("volume_size", "VolumeSize", "volume_type", "VolumeType", "iops", "Iops", "throughput", "Throughput",
				"kms_key_id", "KmsKeyId", "snapshot_id", "SnapshotId")
			e.propWith("encrypted", "Encrypted", boolish)
			e.propWith("delete_on_termination", "DeleteOnTermination", boolish)
		})
	})
	data.nestedList("network_interfaces", "NetworkInterfaces", func(n *conv) {
		n.propPairs("device_index", "DeviceIndex", "subnet_id", "SubnetId", "security_groups", "Groups",
			"description", "Description", "network_interface_id", "NetworkInterfaceId", "private_ip_address", "PrivateIpAddress")
		n.propWith("associate_public_ip_address", "AssociatePublicIpAddress", boolish)
		n.propWith("delete_on_termination", "DeleteOnTermination", boolish)
	})
	data.nestedList("tag_specifications", "TagSpecifications", func(n *conv) {
		n.prop("resource_type", "ResourceType")
		n.tagsAs("Tags")
	})
	c.props["LaunchTemplateData"] = data.props
	tags := c.sub(c.path, c.body)
	tags.used = c.used
	tags.tags()
	if t, ok := tags.props["Tags"]; ok {
		c.props["TagSpecifications"] = []any{map[string]any{"ResourceType": "launch-template", "Tags": t}}
	}
}

// boolish turns the "true"/"false" strings some provider arguments use into
// the booleans CloudFormation wants.
func boolish(c *conv, v spec.Value) any {
	if v.Kind == spec.KindString && (v.Str == "true" || v.Str == "false") {
		return v.Str == "true"
	}
	return c.value(v)
}

// autoscalingGroup converts aws_autoscaling_group. A launch template version
// of "$Latest" or "$Default", which CloudFormation does not accept, becomes
// the template's LatestVersionNumber or DefaultVersionNumber. Like the
// Terraform provider, it does not apply the stack's default tags to the
// group; its tag blocks carry PropagateAtLaunch.
func autoscalingGroup(c *conv) {
	c.propPairs("name", "AutoScalingGroupName", "vpc_zone_identifier", "VPCZoneIdentifier",
		"availability_zones", "AvailabilityZones", "health_check_type", "HealthCheckType",
		"health_check_grace_period", "HealthCheckGracePeriod", "target_group_arns", "TargetGroupARNs",
		"capacity_rebalance", "CapacityRebalance", "termination_policies", "TerminationPolicies",
		"max_instance_lifetime", "MaxInstanceLifetime", "service_linked_role_arn", "ServiceLinkedRoleARN")
	c.propWith("min_size", "MinSize", str)
	c.propWith("max_size", "MaxSize", str)
	c.propWith("desired_capacity", "DesiredCapacity", str)
	c.propWith("default_cooldown", "Cooldown", str)
	c.drop("name_prefix", "wait_for_capacity_timeout", "force_delete", "min_elb_capacity", "wait_for_elb_capacity")
	c.nestedProp("launch_template", "LaunchTemplate", func(n *conv) {
		n.propPairs("id", "LaunchTemplateId", "name", "LaunchTemplateName")
		v, ok := n.get("version")
		lt, _ := n.body.Get("id")
		switch {
		case !ok:
			n.props["Version"] = templateVersion(n, lt, "LatestVersionNumber")
		case v.Kind == spec.KindString && v.Str == "$Latest":
			n.props["Version"] = templateVersion(n, lt, "LatestVersionNumber")
		case v.Kind == spec.KindString && v.Str == "$Default":
			n.props["Version"] = templateVersion(n, lt, "DefaultVersionNumber")
		default:
			n.props["Version"] = str(n, v)
		}
	})
	if v, ok := c.get("enabled_metrics"); ok {
		c.props["MetricsCollection"] = []any{map[string]any{"Granularity": "1Minute", "Metrics": c.value(v)}}
	}
	c.nestedList("tag", "Tags", func(n *conv) {
		n.propPairs("key", "Key", "value", "Value", "propagate_at_launch", "PropagateAtLaunch")
	})
}

// templateVersion reads a version number of the launch template that ref
// names, which must be in the stack.
func templateVersion(n *conv, lt spec.Value, attr string) any {
	if lt.Kind != spec.KindRef || lt.Ref.To.Type != "aws_launch_template" {
		n.failf("a symbolic launch template version needs the template from this stack")
		return nil
	}
	ids := n.r.ids[lt.Ref.To]
	idx := max(lt.Ref.Index, 0)
	if idx >= len(ids) {
		n.failf("reference %s does not match the instances of %s", lt.Ref, lt.Ref.To)
		return nil
	}
	return getAtt(ids[idx], attr)
}

// scalingPolicy converts aws_autoscaling_policy, simple or target tracking.
func scalingPolicy(c *conv) {
	c.propPairs("autoscaling_group_name", "AutoScalingGroupName", "policy_type", "PolicyType",
		"adjustment_type", "AdjustmentType", "scaling_adjustment", "ScalingAdjustment",
		"estimated_instance_warmup", "EstimatedInstanceWarmup", "min_adjustment_magnitude", "MinAdjustmentMagnitude")
	c.propWith("cooldown", "Cooldown", str)
	c.drop("name") // CloudFormation names policies itself
	c.nestedProp("target_tracking_configuration", "TargetTrackingConfiguration", func(n *conv) {
		n.propPairs("target_value", "TargetValue", "disable_scale_in", "DisableScaleIn")
		n.nestedProp("predefined_metric_specification", "PredefinedMetricSpecification", func(m *conv) {
			m.propPairs("predefined_metric_type", "PredefinedMetricType", "resource_label", "ResourceLabel")
		})
	})
}
