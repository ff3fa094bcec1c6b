package cloudformation

// ecrRepository converts aws_ecr_repository; force_delete is CloudFormation's
// EmptyOnDelete.
func ecrRepository(c *conv) {
	c.propPairs("name", "RepositoryName", "image_tag_mutability", "ImageTagMutability", "force_delete", "EmptyOnDelete")
	c.nestedProp("image_scanning_configuration", "ImageScanningConfiguration", func(n *conv) {
		n.prop("scan_on_push", "ScanOnPush")
	})
	c.nestedProp("encryption_configuration", "EncryptionConfiguration", func(n *conv) {
		n.propPairs("encryption_type", "EncryptionType", "kms_key", "KmsKey")
	})
	c.eachFolded(ofType("aws_ecr_lifecycle_policy"), func(s *conv) {
		s.drop("repository")
		if v, ok := s.get("policy"); ok {
			c.props["LifecyclePolicy"] = map[string]any{"LifecyclePolicyText": s.value(v)}
		}
	})
	c.tags()
}

func ecsCluster(c *conv) {
	c.prop("name", "ClusterName")
	c.nestedList("setting", "ClusterSettings", func(n *conv) { n.propPairs("name", "Name", "value", "Value") })
	c.tags()
}

func route53Zone(c *conv) {
	c.prop("name", "Name")
	if v, ok := c.get("comment"); ok {
		c.props["HostedZoneConfig"] = map[string]any{"Comment": c.value(v)}
	}
	c.nestedList("vpc", "VPCs", func(n *conv) {
		n.propPairs("vpc_id", "VPCId", "vpc_region", "VPCRegion")
		if _, ok := n.props["VPCRegion"]; !ok {
			n.props["VPCRegion"] = pseudo("AWS::Region")
		}
	})
	c.drop("force_destroy", "delegation_set_id")
	c.tagsAs("HostedZoneTags")
}

// route53Record converts aws_route53_record; CloudFormation types TTL as a
// string.
func route53Record(c *conv) {
	c.propPairs("zone_id", "HostedZoneId", "name", "Name", "type", "Type", "records", "ResourceRecords",
		"set_identifier", "SetIdentifier", "health_check_id", "HealthCheckId")
	c.propWith("ttl", "TTL", str)
	c.nestedProp("alias", "AliasTarget", func(n *conv) {
		n.propPairs("name", "DNSName", "zone_id", "HostedZoneId", "evaluate_target_health", "EvaluateTargetHealth")
	})
	for _, b := range c.blocks("weighted_routing_policy") {
		w := c.nested("weighted_routing_policy", b, func(n *conv) { n.prop("weight", "Weight") })
		c.props["Weight"] = w["Weight"]
	}
	c.drop("allow_overwrite")
}
