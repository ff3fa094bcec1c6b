package cloudformation

import (
	"github.com/syncloud/syncloud/internal/spec"
)

// instance converts aws_instance. IMDS settings (metadata_options) and Spot
// (instance_market_options) are not properties of AWS::EC2::Instance, so
// they go in an extra AWS::EC2::LaunchTemplate that the instance uses. The root volume needs its
// device name, which CloudFormation cannot look up: it is known only when
// the AMI comes from an aws_ami data source SynCloud maps.
func instance(c *conv) {
	c.propPairs("ami", "ImageId", "instance_type", "InstanceType", "key_name", "KeyName",
		"iam_instance_profile", "IamInstanceProfile", "monitoring", "Monitoring", "ebs_optimized", "EbsOptimized",
		"availability_zone", "AvailabilityZone", "private_ip", "PrivateIpAddress", "tenancy", "Tenancy",
		"disable_api_termination", "DisableApiTermination", "security_groups", "SecurityGroups",
		"instance_initiated_shutdown_behavior", "InstanceInitiatedShutdownBehavior",
		"placement_group", "PlacementGroupName", "source_dest_check", "SourceDestCheck", "hibernation", "HibernationOptions")
	if v, ok := c.props["HibernationOptions"]; ok {
		c.props["HibernationOptions"] = map[string]any{"Configured": v}
	}
	c.propWith("user_data", "UserData", base64)
	c.prop("user_data_base64", "UserData")
	c.drop("user_data_replace_on_change") // CloudFormation applies user data changes by stop and start
	instanceNetwork(c)
	if bdms := blockDevices(c); len(bdms) > 0 {
		c.props["BlockDeviceMappings"] = bdms
	}
	instanceLaunchTemplate(c)
	c.tags()
}

// blockDevices converts the root and extra EBS block devices.
func blockDevices(c *conv) []any {
	var bdms []any
	if root := c.blocks("root_block_device"); len(root) > 0 {
		if dev := rootDevice(c); dev != "" {
			ebs := c.nested("root_block_device", root[0], ebsProps)
			bdms = append(bdms, map[string]any{"DeviceName": dev, "Ebs": ebs})
		}
	}
	for _, b := range c.blocks("ebs_block_device") {
		bdms = append(bdms, c.nested("ebs_block_device", b, func(n *conv) {
			dev, _ := n.get("device_name")
			n.prop("snapshot_id", "SnapshotId")
			ebsProps(n)
			n.props = map[string]any{"DeviceName": n.value(dev), "Ebs": n.props}
		}))
	}
	return bdms
}

// instanceLaunchTemplate puts metadata_options and instance_market_options
// (Spot) in an extra launch template that the instance uses, since
// AWS::EC2::Instance has no such properties.
func instanceLaunchTemplate(c *conv) {
	data := map[string]any{}
	if mo := c.blocks("metadata_options"); len(mo) > 0 {
		data["MetadataOptions"] = c.nested("metadata_options", mo[0], func(n *conv) {
			n.propPairs("http_tokens", "HttpTokens", "http_endpoint", "HttpEndpoint",
				"http_put_response_hop_limit", "HttpPutResponseHopLimit", "instance_metadata_tags", "InstanceMetadataTags",
				"http_protocol_ipv6", "HttpProtocolIpv6")
		})
	}
	if mk := c.blocks("instance_market_options"); len(mk) > 0 {
		data["InstanceMarketOptions"] = c.nested("instance_market_options", mk[0], func(n *conv) {
			n.prop("market_type", "MarketType")
		})
	}
	if len(data) == 0 {
		return
	}
	lt := c.r.reserve(c.id + "LaunchTemplate")
	c.add(lt, &resource{Type: "AWS::EC2::LaunchTemplate", Properties: map[string]any{"LaunchTemplateData": data}})
	c.props["LaunchTemplate"] = map[string]any{"LaunchTemplateId": ref(lt), "Version": getAtt(lt, "LatestVersionNumber")}
}

// instanceNetwork places the instance: a requested public IP needs the
// network interface form, which then carries the subnet and groups.
func instanceNetwork(c *conv) {
	pub, hasPub := c.get("associate_public_ip_address")
	if !hasPub {
		c.propPairs("subnet_id", "SubnetId", "vpc_security_group_ids", "SecurityGroupIds")
		return
	}
	nic := map[string]any{"DeviceIndex": "0", "AssociatePublicIpAddress": c.value(pub)}
	if v, ok := c.get("subnet_id"); ok {
		nic["SubnetId"] = c.value(v)
	}
	if v, ok := c.get("vpc_security_group_ids"); ok {
		nic["GroupSet"] = list(c, v)
	}
	c.props["NetworkInterfaces"] = []any{nic}
}

// ebsProps converts EBS settings shared by root and extra block devices.
func ebsProps(n *conv) {
	n.propPairs("volume_size", "VolumeSize", "volume_type", "VolumeType", "encrypted", "Encrypted",
		"iops", "Iops", "kms_key_id", "KmsKeyId", "delete_on_termination", "DeleteOnTermination")
}

// rootDevice returns the AMI family's root device name, or "" after
// reporting why it is unknown.
func rootDevice(c *conv) string {
	v, ok := c.body.Get("ami")
	if !ok || v.Kind != spec.KindRef || v.Ref.To.Mode != spec.Data || v.Ref.To.Type != "aws_ami" {
		c.failf("root_block_device needs the AMI's root device name, which is known only for an aws_ami data source SynCloud maps; look the AMI up with data aws_ami, or leave root_block_device out")
		return ""
	}
	f, _, err := findAMIFamily(c.r.stack.Find(v.Ref.To))
	if err != nil {
		c.failf("root_block_device: %v", err)
		return ""
	}
	return f.rootDevice
}

// ebsVolume converts aws_ebs_volume; final_snapshot becomes the Snapshot
// deletion policy.
func ebsVolume(c *conv) {
	c.propPairs("availability_zone", "AvailabilityZone", "size", "Size", "type", "VolumeType", "iops", "Iops",
		"throughput", "Throughput", "encrypted", "Encrypted", "kms_key_id", "KmsKeyId", "snapshot_id", "SnapshotId",
		"multi_attach_enabled", "MultiAttachEnabled", "outpost_arn", "OutpostArn")
	if v, ok := c.get("final_snapshot"); ok && v.Kind == spec.KindBool && v.Bool {
		c.root.deletionPolicy = "Snapshot"
	}
	c.tags()
}

func volumeAttachment(c *conv) {
	c.propPairs("device_name", "Device", "instance_id", "InstanceId", "volume_id", "VolumeId")
	c.drop("force_detach", "skip_destroy", "stop_instance_before_detaching") // Terraform-only destroy behaviour
}
