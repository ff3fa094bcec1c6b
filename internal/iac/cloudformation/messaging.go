package cloudformation

func sqsQueue(c *conv) {
	c.propPairs("name", "QueueName", "fifo_queue", "FifoQueue", "content_based_deduplication", "ContentBasedDeduplication",
		"deduplication_scope", "DeduplicationScope", "fifo_throughput_limit", "FifoThroughputLimit",
		"delay_seconds", "DelaySeconds", "max_message_size", "MaximumMessageSize",
		"message_retention_seconds", "MessageRetentionPeriod", "receive_wait_time_seconds", "ReceiveMessageWaitTimeSeconds",
		"visibility_timeout_seconds", "VisibilityTimeout", "kms_master_key_id", "KmsMasterKeyId",
		"kms_data_key_reuse_period_seconds", "KmsDataKeyReusePeriodSeconds", "sqs_managed_sse_enabled", "SqsManagedSseEnabled")
	c.propWith("redrive_policy", "RedrivePolicy", jsonDoc)
	c.propWith("redrive_allow_policy", "RedriveAllowPolicy", jsonDoc)
	if v, ok := c.get("policy"); ok {
		c.add(c.r.reserve(c.id+"Policy"), &resource{Type: "AWS::SQS::QueuePolicy", Properties: map[string]any{
			"Queues": []any{ref(c.id)}, "PolicyDocument": jsonDoc(c, v)}})
	}
	c.tags()
}

func sqsQueuePolicy(c *conv) {
	c.propWith("queue_url", "Queues", list)
	c.propWith("policy", "PolicyDocument", jsonDoc)
}

func snsTopic(c *conv) {
	c.propPairs("name", "TopicName", "display_name", "DisplayName", "kms_master_key_id", "KmsMasterKeyId",
		"fifo_topic", "FifoTopic", "content_based_deduplication", "ContentBasedDeduplication",
		"signature_version", "SignatureVersion", "tracing_config", "TracingConfig")
	c.propWith("archive_policy", "ArchivePolicy", jsonDoc)
	c.propWith("delivery_policy", "DeliveryPolicy", jsonDoc)
	if v, ok := c.get("policy"); ok {
		c.add(c.r.reserve(c.id+"Policy"), &resource{Type: "AWS::SNS::TopicPolicy", Properties: map[string]any{
			"Topics": []any{ref(c.id)}, "PolicyDocument": jsonDoc(c, v)}})
	}
	c.tags()
}

func snsSubscription(c *conv) {
	c.propPairs("topic_arn", "TopicArn", "protocol", "Protocol", "endpoint", "Endpoint",
		"raw_message_delivery", "RawMessageDelivery", "filter_policy_scope", "FilterPolicyScope",
		"subscription_role_arn", "SubscriptionRoleArn")
	c.propWith("filter_policy", "FilterPolicy", jsonDoc)
	c.propWith("redrive_policy", "RedrivePolicy", jsonDoc)
	c.propWith("delivery_policy", "DeliveryPolicy", jsonDoc)
	c.drop("confirmation_timeout_in_minutes", "endpoint_auto_confirms") // Terraform-only waiting behaviour
}
