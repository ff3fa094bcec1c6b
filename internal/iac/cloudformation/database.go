package cloudformation

import (
	"github.com/syncloud/syncloud/internal/spec"
)

// dbInstance converts aws_db_instance. skip_final_snapshot becomes the
// deletion policy (Delete, or Snapshot by default, as Terraform takes a
// final snapshot unless told not to). apply_immediately and the
// final snapshot's name have no CloudFormation form.
func dbInstance(c *conv) {
	c.propPairs("identifier", "DBInstanceIdentifier", "engine", "Engine", "engine_version", "EngineVersion",
		"instance_class", "DBInstanceClass", "storage_type", "StorageType", "storage_encrypted", "StorageEncrypted",
		"kms_key_id", "KmsKeyId", "db_name", "DBName", "username", "MasterUsername",
		"manage_master_user_password", "ManageMasterUserPassword", "master_user_secret_kms_key_id", "MasterUserSecret",
		"password", "MasterUserPassword", "publicly_accessible", "PubliclyAccessible", "multi_az", "MultiAZ",
		"db_subnet_group_name", "DBSubnetGroupName", "vpc_security_group_ids", "VPCSecurityGroups",
		"backup_retention_period", "BackupRetentionPeriod", "backup_window", "PreferredBackupWindow",
		"maintenance_window", "PreferredMaintenanceWindow", "deletion_protection", "DeletionProtection",
		"parameter_group_name", "DBParameterGroupName", "option_group_name", "OptionGroupName",
		"replicate_source_db", "SourceDBInstanceIdentifier", "snapshot_identifier", "DBSnapshotIdentifier",
		"iam_database_authentication_enabled", "EnableIAMDatabaseAuthentication",
		"performance_insights_enabled", "EnablePerformanceInsights", "monitoring_interval", "MonitoringInterval",
		"monitoring_role_arn", "MonitoringRoleArn", "auto_minor_version_upgrade", "AutoMinorVersionUpgrade",
		"allow_major_version_upgrade", "AllowMajorVersionUpgrade", "copy_tags_to_snapshot", "CopyTagsToSnapshot",
		"ca_cert_identifier", "CACertificateIdentifier", "availability_zone", "AvailabilityZone",
		"enabled_cloudwatch_logs_exports", "EnableCloudwatchLogsExports", "iops", "Iops",
		"storage_throughput", "StorageThroughput", "network_type", "NetworkType", "license_model", "LicenseModel")
	c.propWith("allocated_storage", "AllocatedStorage", str)
	c.propWith("max_allocated_storage", "MaxAllocatedStorage", plain)
	c.propWith("port", "Port", str)
	if v, ok := c.props["MasterUserSecret"]; ok {
		c.props["MasterUserSecret"] = map[string]any{"KmsKeyId": v}
	}
	c.root.deletionPolicy = "Snapshot"
	if v, ok := c.get("skip_final_snapshot"); ok && v.Kind == spec.KindBool && v.Bool {
		c.root.deletionPolicy = "Delete"
	}
	c.drop("apply_immediately", "final_snapshot_identifier", "delete_automated_backups",
		"identifier_prefix") // CloudFormation generates a unique identifier itself
	c.tags()
}

func plain(c *conv, v spec.Value) any { return c.value(v) }

// rdsCluster converts aws_rds_cluster like dbInstance.
func rdsCluster(c *conv) {
	c.propPairs("cluster_identifier", "DBClusterIdentifier", "engine", "Engine", "engine_version", "EngineVersion",
		"engine_mode", "EngineMode", "database_name", "DatabaseName", "master_username", "MasterUsername",
		"master_password", "MasterUserPassword", "manage_master_user_password", "ManageMasterUserPassword",
		"storage_encrypted", "StorageEncrypted", "kms_key_id", "KmsKeyId", "db_subnet_group_name", "DBSubnetGroupName",
		"vpc_security_group_ids", "VpcSecurityGroupIds", "backup_retention_period", "BackupRetentionPeriod",
		"preferred_backup_window", "PreferredBackupWindow", "preferred_maintenance_window", "PreferredMaintenanceWindow",
		"deletion_protection", "DeletionProtection", "port", "Port", "availability_zones", "AvailabilityZones",
		"db_cluster_parameter_group_name", "DBClusterParameterGroupName", "copy_tags_to_snapshot", "CopyTagsToSnapshot",
		"iam_database_authentication_enabled", "EnableIAMDatabaseAuthentication",
		"enabled_cloudwatch_logs_exports", "EnableCloudwatchLogsExports", "snapshot_identifier", "SnapshotIdentifier",
		"storage_type", "StorageType")
	c.nestedProp("serverlessv2_scaling_configuration", "ServerlessV2ScalingConfiguration", func(n *conv) {
		n.propPairs("min_capacity", "MinCapacity", "max_capacity", "MaxCapacity")
	})
	c.root.deletionPolicy = "Snapshot"
	if v, ok := c.get("skip_final_snapshot"); ok && v.Kind == spec.KindBool && v.Bool {
		c.root.deletionPolicy = "Delete"
	}
	c.drop("apply_immediately", "final_snapshot_identifier",
		"cluster_identifier_prefix") // CloudFormation generates a unique identifier itself
	c.tags()
}

func rdsClusterInstance(c *conv) {
	c.propPairs("identifier", "DBInstanceIdentifier", "cluster_identifier", "DBClusterIdentifier", "engine", "Engine",
		"engine_version", "EngineVersion", "instance_class", "DBInstanceClass", "publicly_accessible", "PubliclyAccessible",
		"db_subnet_group_name", "DBSubnetGroupName", "availability_zone", "AvailabilityZone",
		"performance_insights_enabled", "EnablePerformanceInsights", "monitoring_interval", "MonitoringInterval",
		"auto_minor_version_upgrade", "AutoMinorVersionUpgrade", "promotion_tier", "PromotionTier")
	c.drop("apply_immediately", "identifier_prefix")
	c.tags()
}

func dbSubnetGroup(c *conv) {
	c.propPairs("name", "DBSubnetGroupName", "subnet_ids", "SubnetIds")
	c.prop("description", "DBSubnetGroupDescription")
	if _, ok := c.props["DBSubnetGroupDescription"]; !ok {
		c.props["DBSubnetGroupDescription"] = "Managed by SynCloud" // required by CloudFormation
	}
	c.drop("name_prefix")
	c.tags()
}

// replicationGroup converts aws_elasticache_replication_group.
func replicationGroup(c *conv) {
	c.propPairs("replication_group_id", "ReplicationGroupId", "description", "ReplicationGroupDescription",
		"node_type", "CacheNodeType", "engine", "Engine", "engine_version", "EngineVersion",
		"num_cache_clusters", "NumCacheClusters", "num_node_groups", "NumNodeGroups",
		"replicas_per_node_group", "ReplicasPerNodeGroup", "port", "Port",
		"parameter_group_name", "CacheParameterGroupName", "subnet_group_name", "CacheSubnetGroupName",
		"security_group_ids", "SecurityGroupIds", "at_rest_encryption_enabled", "AtRestEncryptionEnabled",
		"transit_encryption_enabled", "TransitEncryptionEnabled", "transit_encryption_mode", "TransitEncryptionMode",
		"automatic_failover_enabled", "AutomaticFailoverEnabled", "multi_az_enabled", "MultiAZEnabled",
		"snapshot_retention_limit", "SnapshotRetentionLimit", "snapshot_window", "SnapshotWindow",
		"maintenance_window", "PreferredMaintenanceWindow", "kms_key_id", "KmsKeyId", "auth_token", "AuthToken",
		"auto_minor_version_upgrade", "AutoMinorVersionUpgrade", "notification_topic_arn", "NotificationTopicArn",
		"user_group_ids", "UserGroupIds", "data_tiering_enabled", "DataTieringEnabled", "network_type", "NetworkType",
		"ip_discovery", "IpDiscovery", "cluster_mode", "ClusterMode", "preferred_cache_cluster_azs", "PreferredCacheClusterAZs")
	c.drop("apply_immediately", "final_snapshot_identifier", "auth_token_update_strategy")
	c.tags()
}

func cacheSubnetGroup(c *conv) {
	c.propPairs("name", "CacheSubnetGroupName", "subnet_ids", "SubnetIds")
	c.prop("description", "Description")
	if _, ok := c.props["Description"]; !ok {
		c.props["Description"] = "Managed by SynCloud" // required by CloudFormation
	}
	c.tags()
}

func cacheCluster(c *conv) {
	c.propPairs("cluster_id", "ClusterName", "engine", "Engine", "engine_version", "EngineVersion",
		"node_type", "CacheNodeType", "num_cache_nodes", "NumCacheNodes", "port", "Port",
		"parameter_group_name", "CacheParameterGroupName", "subnet_group_name", "CacheSubnetGroupName",
		"security_group_ids", "VpcSecurityGroupIds", "az_mode", "AZMode", "availability_zone", "PreferredAvailabilityZone",
		"snapshot_retention_limit", "SnapshotRetentionLimit", "maintenance_window", "PreferredMaintenanceWindow",
		"transit_encryption_enabled", "TransitEncryptionEnabled", "network_type", "NetworkType", "ip_discovery", "IpDiscovery")
	c.drop("apply_immediately", "final_snapshot_identifier")
	c.tags()
}
