package cloudformation

// kinds is the one table of every Terraform resource type this package
// renders: its CloudFormation type, its conversion, and how its attributes
// are read by references.
func kinds() map[string]kind {
	id := refAttr("")
	return map[string]kind{
		"aws_vpc": {cfn: "AWS::EC2::VPC", build: vpc, attrs: map[string]reader{"id": id,
			"cidr_block": getAttOf("CidrBlock"), "default_security_group_id": getAttOf("DefaultSecurityGroup"),
			"default_network_acl_id": getAttOf("DefaultNetworkAcl")}},
		"aws_subnet": {cfn: "AWS::EC2::Subnet", build: subnet, attrs: map[string]reader{"id": id,
			"availability_zone": getAttOf("AvailabilityZone"), "cidr_block": getAttOf("CidrBlock"), "vpc_id": getAttOf("VpcId")}},
		"aws_internet_gateway": {cfn: "AWS::EC2::InternetGateway", build: internetGateway,
			attrs: map[string]reader{"id": id}},
		"aws_nat_gateway": {cfn: "AWS::EC2::NatGateway", build: natGateway, attrs: map[string]reader{"id": id}},
		"aws_eip": {cfn: "AWS::EC2::EIP", build: eip, attrs: map[string]reader{"id": getAttOf("AllocationId"),
			"allocation_id": getAttOf("AllocationId"), "public_ip": id}},
		"aws_route_table": {cfn: "AWS::EC2::RouteTable", build: routeTable, attrs: map[string]reader{"id": id}},
		"aws_route":       {cfn: "AWS::EC2::Route", build: route, attrs: map[string]reader{"id": id}},
		"aws_route_table_association": {cfn: "AWS::EC2::SubnetRouteTableAssociation", build: routeTableAssociation,
			attrs: map[string]reader{"id": id}},
		"aws_security_group": {cfn: "AWS::EC2::SecurityGroup", build: securityGroup, attrs: map[string]reader{
			"id": getAttOf("GroupId"), "vpc_id": getAttOf("VpcId")}},
		"aws_security_group_rule": {cfn: "AWS::EC2::SecurityGroupIngress", build: securityGroupRule,
			attrs: map[string]reader{"id": id}},
		"aws_vpc_security_group_ingress_rule": {cfn: "AWS::EC2::SecurityGroupIngress",
			build: vpcSecurityGroupRule("ingress"), attrs: map[string]reader{"id": id, "security_group_rule_id": id}},
		"aws_vpc_security_group_egress_rule": {cfn: "AWS::EC2::SecurityGroupEgress",
			build: vpcSecurityGroupRule("egress"), attrs: map[string]reader{"id": id, "security_group_rule_id": id}},

		"aws_instance": {cfn: "AWS::EC2::Instance", build: instance, attrs: map[string]reader{"id": id,
			"public_ip": getAttOf("PublicIp"), "private_ip": getAttOf("PrivateIp"), "public_dns": getAttOf("PublicDnsName"),
			"private_dns": getAttOf("PrivateDnsName"), "availability_zone": getAttOf("AvailabilityZone")}},
		"aws_ebs_volume":        {cfn: "AWS::EC2::Volume", build: ebsVolume, attrs: map[string]reader{"id": id}},
		"aws_volume_attachment": {cfn: "AWS::EC2::VolumeAttachment", build: volumeAttachment, attrs: map[string]reader{}},

		"aws_s3_bucket": {cfn: "AWS::S3::Bucket", build: bucket, attrs: map[string]reader{"id": id, "bucket": id,
			"arn": getAttOf("Arn"), "bucket_domain_name": getAttOf("DomainName"),
			"bucket_regional_domain_name": getAttOf("RegionalDomainName")}},
		"aws_s3_bucket_policy":                               {cfn: "AWS::S3::BucketPolicy", build: bucketPolicy, attrs: map[string]reader{}},
		"aws_s3_bucket_public_access_block":                  folded("bucket", "aws_s3_bucket"),
		"aws_s3_bucket_server_side_encryption_configuration": folded("bucket", "aws_s3_bucket"),
		"aws_s3_bucket_versioning":                           folded("bucket", "aws_s3_bucket"),
		"aws_s3_bucket_website_configuration":                folded("bucket", "aws_s3_bucket"),
		"aws_s3_bucket_ownership_controls":                   folded("bucket", "aws_s3_bucket"),
		"aws_s3_bucket_lifecycle_configuration":              folded("bucket", "aws_s3_bucket"),
		"aws_s3_bucket_cors_configuration":                   folded("bucket", "aws_s3_bucket"),
		"aws_s3_bucket_logging":                              folded("bucket", "aws_s3_bucket"),
		"aws_s3_bucket_acl":                                  folded("bucket", "aws_s3_bucket"),

		"aws_dynamodb_table": {cfn: "AWS::DynamoDB::Table", build: dynamoTable, attrs: map[string]reader{"id": id,
			"name": id, "arn": getAttOf("Arn"), "stream_arn": getAttOf("StreamArn")}},
		"aws_sqs_queue": {cfn: "AWS::SQS::Queue", build: sqsQueue, attrs: map[string]reader{"id": id, "url": id,
			"arn": getAttOf("Arn"), "name": getAttOf("QueueName")}},
		"aws_sqs_queue_policy": {cfn: "AWS::SQS::QueuePolicy", build: sqsQueuePolicy, attrs: map[string]reader{}},
		"aws_sns_topic": {cfn: "AWS::SNS::Topic", build: snsTopic, attrs: map[string]reader{"id": id, "arn": id,
			"name": getAttOf("TopicName")}},
		"aws_sns_topic_subscription": {cfn: "AWS::SNS::Subscription", build: snsSubscription,
			attrs: map[string]reader{"id": id, "arn": id}},
		"aws_lambda_function": {cfn: "AWS::Lambda::Function", build: lambdaFunction, attrs: map[string]reader{
			"id": id, "function_name": id, "arn": getAttOf("Arn")}},
		"aws_lambda_permission": {cfn: "AWS::Lambda::Permission", build: lambdaPermission, attrs: map[string]reader{}},
		"aws_lambda_event_source_mapping": {cfn: "AWS::Lambda::EventSourceMapping", build: lambdaEventSourceMapping,
			attrs: map[string]reader{"id": id, "uuid": id}},

		"aws_iam_role": {cfn: "AWS::IAM::Role", build: iamRole, attrs: map[string]reader{"id": id, "name": id,
			"arn": getAttOf("Arn"), "unique_id": getAttOf("RoleId")}},
		"aws_iam_role_policy_attachment": folded("role", "aws_iam_role"),
		"aws_iam_role_policy":            {cfn: "AWS::IAM::RolePolicy", build: iamRolePolicy, attrs: map[string]reader{}},
		"aws_iam_policy": {cfn: "AWS::IAM::ManagedPolicy", build: iamPolicy, attrs: map[string]reader{"id": id,
			"arn": id, "policy_id": getAttOf("PolicyId")}},
		"aws_iam_instance_profile": {cfn: "AWS::IAM::InstanceProfile", build: instanceProfile,
			attrs: map[string]reader{"id": id, "name": id, "arn": getAttOf("Arn")}},
		"aws_kms_key": {cfn: "AWS::KMS::Key", build: kmsKey, attrs: map[string]reader{"id": id, "key_id": id,
			"arn": getAttOf("Arn")}},
		"aws_kms_alias": {cfn: "AWS::KMS::Alias", build: kmsAlias, attrs: map[string]reader{"id": id, "name": id}},
		"aws_secretsmanager_secret": {cfn: "AWS::SecretsManager::Secret", build: secret,
			attrs: map[string]reader{"id": id, "arn": id}},
		"aws_cloudwatch_log_group": {cfn: "AWS::Logs::LogGroup", build: logGroup, attrs: map[string]reader{"id": id,
			"name": id, "arn": getAttOf("Arn")}},
		"aws_cloudwatch_metric_alarm": {cfn: "AWS::CloudWatch::Alarm", build: metricAlarm, attrs: map[string]reader{
			"id": id, "alarm_name": id, "arn": getAttOf("Arn")}},

		"aws_db_instance": {cfn: "AWS::RDS::DBInstance", build: dbInstance, attrs: map[string]reader{"id": id,
			"identifier": id, "address": getAttOf("Endpoint.Address"), "port": getAttOf("Endpoint.Port"),
			"arn": getAttOf("DBInstanceArn"), "master_user_secret.0.secret_arn": getAttOf("MasterUserSecret.SecretArn"),
			"endpoint": func(id string) any {
				return joinAll(":", getAtt(id, "Endpoint.Address"), getAtt(id, "Endpoint.Port"))
			}}},
		"aws_db_subnet_group": {cfn: "AWS::RDS::DBSubnetGroup", build: dbSubnetGroup,
			attrs: map[string]reader{"id": id, "name": id}},
		"aws_rds_cluster": {cfn: "AWS::RDS::DBCluster", build: rdsCluster, attrs: map[string]reader{"id": id,
			"cluster_identifier": id, "endpoint": getAttOf("Endpoint.Address"), "reader_endpoint": getAttOf("ReadEndpoint.Address"),
			"port": getAttOf("Endpoint.Port"), "arn": getAttOf("DBClusterArn"),
			"master_user_secret.0.secret_arn": getAttOf("MasterUserSecret.SecretArn")}},
		"aws_rds_cluster_instance": {cfn: "AWS::RDS::DBInstance", build: rdsClusterInstance,
			attrs: map[string]reader{"id": id, "identifier": id, "endpoint": getAttOf("Endpoint.Address")}},
		"aws_elasticache_replication_group": {cfn: "AWS::ElastiCache::ReplicationGroup", build: replicationGroup,
			attrs: map[string]reader{"id": id, "primary_endpoint_address": getAttOf("PrimaryEndPoint.Address"),
				"reader_endpoint_address":        getAttOf("ReaderEndPoint.Address"),
				"configuration_endpoint_address": getAttOf("ConfigurationEndPoint.Address")}},
		"aws_elasticache_subnet_group": {cfn: "AWS::ElastiCache::SubnetGroup", build: cacheSubnetGroup,
			attrs: map[string]reader{"id": id, "name": id}},
		"aws_elasticache_cluster": {cfn: "AWS::ElastiCache::CacheCluster", build: cacheCluster,
			attrs: map[string]reader{"id": id, "cluster_id": id}},

		"aws_lb": {cfn: "AWS::ElasticLoadBalancingV2::LoadBalancer", build: loadBalancer, attrs: map[string]reader{
			"id": id, "arn": id, "dns_name": getAttOf("DNSName"), "zone_id": getAttOf("CanonicalHostedZoneID"),
			"arn_suffix": getAttOf("LoadBalancerFullName"), "name": getAttOf("LoadBalancerName")}},
		"aws_lb_target_group": {cfn: "AWS::ElasticLoadBalancingV2::TargetGroup", build: targetGroup,
			attrs: map[string]reader{"id": id, "arn": id, "arn_suffix": getAttOf("TargetGroupFullName"),
				"name": getAttOf("TargetGroupName")}},
		"aws_lb_target_group_attachment": folded("target_group_arn", "aws_lb_target_group"),
		"aws_lb_listener": {cfn: "AWS::ElasticLoadBalancingV2::Listener", build: listener,
			attrs: map[string]reader{"id": id, "arn": id}},

		"aws_launch_template": {cfn: "AWS::EC2::LaunchTemplate", build: launchTemplate, attrs: map[string]reader{"id": id,
			"latest_version": getAttOf("LatestVersionNumber"), "default_version": getAttOf("DefaultVersionNumber")}},
		"aws_autoscaling_group": {cfn: "AWS::AutoScaling::AutoScalingGroup", build: autoscalingGroup,
			attrs: map[string]reader{"id": id, "name": id}},
		"aws_autoscaling_policy": {cfn: "AWS::AutoScaling::ScalingPolicy", build: scalingPolicy,
			attrs: map[string]reader{"arn": id}},
		"aws_key_pair": {cfn: "AWS::EC2::KeyPair", build: keyPair, attrs: map[string]reader{"id": id, "key_name": id,
			"key_pair_id": getAttOf("KeyPairId")}},
		"aws_flow_log":     {cfn: "AWS::EC2::FlowLog", build: flowLog, attrs: map[string]reader{"id": id}},
		"aws_vpc_endpoint": {cfn: "AWS::EC2::VPCEndpoint", build: vpcEndpoint, attrs: map[string]reader{"id": id}},
		"aws_kinesis_stream": {cfn: "AWS::Kinesis::Stream", build: kinesisStream, attrs: map[string]reader{
			"id": getAttOf("Arn"), "arn": getAttOf("Arn"), "name": id}},
		"aws_efs_file_system": {cfn: "AWS::EFS::FileSystem", build: efsFileSystem, attrs: map[string]reader{
			"id": id, "arn": getAttOf("Arn")}},
		"aws_efs_mount_target": {cfn: "AWS::EFS::MountTarget", build: efsMountTarget, attrs: map[string]reader{
			"id": id, "ip_address": getAttOf("IpAddress")}},
		"aws_sns_topic_policy": {cfn: "AWS::SNS::TopicPolicy", build: snsTopicPolicy, attrs: map[string]reader{}},
		"aws_secretsmanager_secret_rotation": {cfn: "AWS::SecretsManager::RotationSchedule", build: secretRotation,
			attrs: map[string]reader{"id": id}},
		"aws_acm_certificate": {cfn: "AWS::CertificateManager::Certificate", build: acmCertificate,
			attrs: map[string]reader{"id": id, "arn": id}},
		"aws_db_parameter_group": {cfn: "AWS::RDS::DBParameterGroup", build: dbParameterGroup,
			attrs: map[string]reader{"id": id, "name": id}},

		"aws_ecr_repository": {cfn: "AWS::ECR::Repository", build: ecrRepository, attrs: map[string]reader{"id": id,
			"name": id, "arn": getAttOf("Arn"), "repository_url": getAttOf("RepositoryUri")}},
		"aws_ecs_cluster": {cfn: "AWS::ECS::Cluster", build: ecsCluster, attrs: map[string]reader{
			"id": getAttOf("Arn"), "arn": getAttOf("Arn"), "name": id}},
		"aws_route53_zone": {cfn: "AWS::Route53::HostedZone", build: route53Zone, attrs: map[string]reader{"id": id,
			"zone_id": id, "name_servers": getAttOf("NameServers")}},
		"aws_route53_record": {cfn: "AWS::Route53::RecordSet", build: route53Record,
			attrs: map[string]reader{"id": id, "fqdn": id, "name": id}},
	}
}

// folded is a type CloudFormation has no resource for: it is folded into
// the parent resource that its arg refers to.
func folded(arg, parent string) kind { return kind{foldInto: arg, parent: parent} }
