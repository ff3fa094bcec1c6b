package rules

import "github.com/syncloud/syncloud/internal/spec"

// enumDefault is a safe value for a required argument that the user rarely
// spells out, with the reason given to the user as an assumption.
type enumDefault struct {
	value  spec.Value
	reason string
}

// enumDefaults holds safe defaults for required arguments of long-tail
// types, keyed by "type.path" (path inside the resource, dotted through
// nested blocks). Only values that grant nothing, cost little and can be changed
// later belong here.
var enumDefaults = map[string]enumDefault{
	"aws_s3_bucket_request_payment_configuration.payer": {spec.String("BucketOwner"),
		"the bucket owner pays for requests and downloads (the S3 default)"},
	"aws_s3_bucket_ownership_controls.rule.object_ownership": {spec.String("BucketOwnerEnforced"),
		"ACLs disabled: the bucket owner owns every object (the S3 default since 2023)"},
	"aws_s3_bucket_accelerate_configuration.status": {spec.String("Enabled"),
		"transfer acceleration enabled, which is what the configuration is for"},
	"aws_s3_bucket_intelligent_tiering_configuration.tiering.access_tier": {spec.String("ARCHIVE_ACCESS"),
		"objects not read for the given days move to the Archive Access tier"},
	"aws_s3_bucket_intelligent_tiering_configuration.tiering.days": {spec.Int(90),
		"90 days without access before archiving (the smallest the tier allows)"},
	"aws_s3_bucket_object.key":                     {spec.String("object"), "object key \"object\""},
	"aws_s3_object.key":                            {spec.String("object"), "object key \"object\""},
	"aws_chime_voice_connector.require_encryption": {spec.Bool(true), "calls must be encrypted (TLS and SRTP)"},
	"aws_chime_voice_connector_streaming.data_retention": {spec.Int(24),
		"media kept in Kinesis Video Streams for 24 hours"},
	"aws_redshift_cluster.node_type": {spec.String("ra3.large"),
		"the smallest RA3 node type (managed storage, pay per node-hour)"},
	"aws_neptune_cluster_parameter_group.family": {spec.String("neptune1.3"),
		"the parameter group family of current Neptune engine versions"},
	"aws_lightsail_instance.blueprint_id": {spec.String("amazon_linux_2023"),
		"Amazon Linux 2023 as the operating system blueprint"},
	"aws_lightsail_instance.bundle_id": {spec.String("nano_3_0"),
		"the smallest Lightsail bundle (nano, 512 MB memory)"},
	"aws_lightsail_disk.size_in_gb": {spec.Int(8), "an 8 GB disk, the smallest Lightsail offers"},
	"aws_efs_backup_policy.backup_policy.status": {spec.String("ENABLED"),
		"automatic daily AWS Backup of the file system"},
	"aws_elasticache_user.engine":        {spec.String("redis"), "a Redis user"},
	"aws_elasticache_user.access_string": {spec.String("on ~* -@all +@read"), "the user may only read keys (least privilege)"},
	"aws_elasticache_user_group.engine":  {spec.String("redis"), "a Redis user group"},
	"aws_iam_user_ssh_key.encoding":      {spec.String("SSH"), "the public key in OpenSSH format"},
	"aws_redshift_snapshot_schedule.definitions": {spec.Strings("rate(12 hours)"),
		"a snapshot every 12 hours"},
	"aws_kinesis_stream.shard_count": {spec.Int(1), "one shard"},
}

// companionDefaults are arguments a type needs in practice although the
// schema marks none of them required: one of a group the provider demands
// (an ACL or a grant list), or what the API refuses to create without.
var companionDefaults = map[string][]struct {
	arg    string
	value  spec.Value
	reason string
}{
	"aws_s3_bucket_acl": {{"acl", spec.String("private"), "a private ACL: only the bucket owner has access"}},
	"aws_redshift_cluster": {
		{"master_username", spec.String("awsadmin"), "the admin user is \"awsadmin\""},
		{"manage_master_password", spec.Bool(true), "Redshift keeps the admin password in Secrets Manager"},
	},
	"aws_docdb_cluster": {
		{"master_username", spec.String("docdbadmin"), "the admin user is \"docdbadmin\""},
		{"manage_master_user_password", spec.Bool(true), "DocumentDB keeps the admin password in Secrets Manager"},
	},
}

// enumChoices are the values a required argument takes, which the request
// may name in words ("bucket owner preferred", "a WordPress blueprint").
var enumChoices = map[string][]string{
	"aws_s3_bucket_ownership_controls.rule.object_ownership": {"BucketOwnerPreferred", "ObjectWriter",
		"BucketOwnerEnforced"},
	"aws_s3_bucket_request_payment_configuration.payer": {"BucketOwner", "Requester"},
	"aws_s3_bucket_accelerate_configuration.status":     {"Enabled", "Suspended"},
	"aws_elasticache_user.engine":                       {"redis", "valkey"},
	"aws_elasticache_user_group.engine":                 {"redis", "valkey"},
	"aws_lightsail_instance.blueprint_id": {"wordpress", "amazon_linux_2023", "ubuntu_24_04", "ubuntu_22_04",
		"debian_12", "centos_stream_9", "lamp_8", "nginx", "nodejs", "joomla", "drupal", "magento"},
	"aws_lightsail_instance.bundle_id": {"nano_3_0", "micro_3_0", "small_3_0", "medium_3_0", "large_3_0",
		"xlarge_3_0"},
	"aws_redshift_cluster.node_type": {"ra3.large", "ra3.xlplus", "ra3.4xlarge", "ra3.16xlarge", "dc2.large"},
}
