package cloudformation

// dynamoTable converts aws_dynamodb_table: keys, attributes, capacity,
// streams, TTL, encryption, point-in-time recovery and global secondary
// indexes.
func dynamoTable(c *conv) {
	c.propPairs("name", "TableName", "billing_mode", "BillingMode", "table_class", "TableClass",
		"deletion_protection_enabled", "DeletionProtectionEnabled")
	c.props["KeySchema"] = keySchema(c, "hash_key", "range_key")
	c.nestedList("attribute", "AttributeDefinitions", func(n *conv) {
		n.propPairs("name", "AttributeName", "type", "AttributeType")
	})
	if tp := throughput(c); tp != nil {
		c.props["ProvisionedThroughput"] = tp
	}
	if v, ok := c.get("stream_view_type"); ok {
		c.props["StreamSpecification"] = map[string]any{"StreamViewType": c.value(v)}
	}
	c.drop("stream_enabled") // implied by stream_view_type in CloudFormation
	c.nestedProp("ttl", "TimeToLiveSpecification", func(n *conv) {
		n.propPairs("attribute_name", "AttributeName", "enabled", "Enabled")
	})
	c.nestedProp("point_in_time_recovery", "PointInTimeRecoverySpecification", func(n *conv) {
		n.propPairs("enabled", "PointInTimeRecoveryEnabled", "recovery_period_in_days", "RecoveryPeriodInDays")
	})
	c.nestedProp("server_side_encryption", "SSESpecification", func(n *conv) {
		n.propPairs("enabled", "SSEEnabled", "kms_key_arn", "KMSMasterKeyId")
		if _, ok := n.props["KMSMasterKeyId"]; ok {
			n.props["SSEType"] = "KMS"
		}
	})
	c.nestedList("global_secondary_index", "GlobalSecondaryIndexes", func(n *conv) {
		n.prop("name", "IndexName")
		n.props["KeySchema"] = keySchema(n, "hash_key", "range_key")
		projection := map[string]any{}
		if v, ok := n.get("projection_type"); ok {
			projection["ProjectionType"] = n.value(v)
		}
		if v, ok := n.get("non_key_attributes"); ok {
			projection["NonKeyAttributes"] = n.value(v)
		}
		n.props["Projection"] = projection
		if tp := throughput(n); tp != nil {
			n.props["ProvisionedThroughput"] = tp
		}
	})
	c.tags()
}

func keySchema(c *conv, hash, rng string) []any {
	var out []any
	if v, ok := c.get(hash); ok {
		out = append(out, map[string]any{"AttributeName": c.value(v), "KeyType": "HASH"})
	}
	if v, ok := c.get(rng); ok {
		out = append(out, map[string]any{"AttributeName": c.value(v), "KeyType": "RANGE"})
	}
	return out
}

func throughput(c *conv) map[string]any {
	r, rok := c.get("read_capacity")
	w, wok := c.get("write_capacity")
	if !rok && !wok {
		return nil
	}
	return map[string]any{"ReadCapacityUnits": c.value(r), "WriteCapacityUnits": c.value(w)}
}
