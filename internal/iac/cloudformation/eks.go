package cloudformation

func eksCluster(c *conv) {
	c.propPairs("name", "Name", "role_arn", "RoleArn", "version", "Version",
		"bootstrap_self_managed_addons", "BootstrapSelfManagedAddons")
	c.nestedProp("vpc_config", "ResourcesVpcConfig", func(n *conv) {
		n.propPairs("subnet_ids", "SubnetIds", "security_group_ids", "SecurityGroupIds",
			"endpoint_public_access", "EndpointPublicAccess", "endpoint_private_access", "EndpointPrivateAccess",
			"public_access_cidrs", "PublicAccessCidrs")
	})
	if v, ok := c.get("enabled_cluster_log_types"); ok {
		var types []any
		for _, t := range v.List {
			types = append(types, map[string]any{"Type": c.value(t)})
		}
		c.props["Logging"] = map[string]any{"ClusterLogging": map[string]any{"EnabledTypes": types}}
	}
	c.nestedProp("access_config", "AccessConfig", func(n *conv) {
		n.propPairs("authentication_mode", "AuthenticationMode",
			"bootstrap_cluster_creator_admin_permissions", "BootstrapClusterCreatorAdminPermissions")
	})
	c.nestedList("encryption_config", "EncryptionConfig", func(n *conv) {
		n.prop("resources", "Resources")
		n.nestedProp("provider", "Provider", func(m *conv) { m.prop("key_arn", "KeyArn") })
	})
	c.drop("force_update_version")
	c.tags()
}

func eksNodeGroup(c *conv) {
	c.propPairs("cluster_name", "ClusterName", "node_group_name", "NodegroupName", "node_role_arn", "NodeRole",
		"subnet_ids", "Subnets", "instance_types", "InstanceTypes", "capacity_type", "CapacityType",
		"ami_type", "AmiType", "disk_size", "DiskSize", "labels", "Labels", "version", "Version",
		"release_version", "ReleaseVersion")
	c.drop("node_group_name_prefix", "force_update_version")
	c.nestedProp("scaling_config", "ScalingConfig", func(n *conv) {
		n.propPairs("desired_size", "DesiredSize", "min_size", "MinSize", "max_size", "MaxSize")
	})
	c.nestedProp("update_config", "UpdateConfig", func(n *conv) {
		n.propPairs("max_unavailable", "MaxUnavailable", "max_unavailable_percentage", "MaxUnavailablePercentage")
	})
	c.tagsMap("Tags")
}

func fargateProfile(c *conv) {
	c.propPairs("cluster_name", "ClusterName", "fargate_profile_name", "FargateProfileName",
		"pod_execution_role_arn", "PodExecutionRoleArn", "subnet_ids", "Subnets")
	c.nestedList("selector", "Selectors", func(n *conv) {
		n.prop("namespace", "Namespace")
		if v, ok := n.get("labels"); ok {
			var labels []any
			for _, e := range v.Map {
				labels = append(labels, map[string]any{"Key": e.Key, "Value": n.value(e.Value)})
			}
			n.props["Labels"] = labels
		}
	})
	c.tags()
}
