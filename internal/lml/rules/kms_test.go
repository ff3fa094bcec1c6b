package rules

import "testing"

func TestKeysSecretsStreams(t *testing.T) {
	runStackCases(t, []stackCase{
		{"a kms key for our app with alias app-key, rotating yearly, and a 30 day deletion window", []want{
			{"aws_kms_key", map[string]string{"deletion_window_in_days": "30", "enable_key_rotation": "true"}, 1},
			{"aws_kms_alias", map[string]string{"name": "alias/app-key", "target_key_id": "aws_kms_key.data.key_id"}, 1},
		}},
		{"store the stripe token as a secret named stripe/api-token, recovery window of 14 days, with our own KMS key", []want{
			{"aws_secretsmanager_secret", map[string]string{"name": "stripe/api-token", "recovery_window_in_days": "14",
				"kms_key_id": "aws_kms_key.data.arn"}, 1},
		}},
		{"secret svc-password rotated every 2 weeks by arn:aws:lambda:eu-west-1:111122223333:function:rotate-it", []want{
			{"aws_secretsmanager_secret_rotation", map[string]string{"rotation_rules.automatically_after_days": "14",
				"rotation_lambda_arn": "arn:aws:lambda:eu-west-1:111122223333:function:rotate-it"}, 1},
		}},
		{"postgres with its master password in Secrets Manager", []want{
			{"aws_secretsmanager_secret", nil, 0},
			{"aws_db_instance", map[string]string{"manage_master_user_password": "true"}, 1},
		}},
		{"kinesis stream named telemetry, 4 shards, keep data for 7 days", []want{
			{"aws_kinesis_stream", map[string]string{"name": "telemetry", "shard_count": "4", "retention_period": "168"}, 1},
		}},
		{"a kinesis stream 'orders' and a kinesis firehose that delivers it into bucket orders-archive-1 as gzip", []want{
			{"aws_kinesis_firehose_delivery_stream", map[string]string{"destination": "extended_s3",
				"kinesis_source_configuration.kinesis_stream_arn": "aws_kinesis_stream.orders.arn",
				"extended_s3_configuration.bucket_arn":            "aws_s3_bucket.orders_archive_1.arn",
				"extended_s3_configuration.compression_format":    "GZIP"}, 1},
		}},
		{"KMS CMK named billing with yearly rotation", []want{
			{"aws_kms_key", map[string]string{"description": "billing", "enable_key_rotation": "true"}, 1},
			{"aws_kms_alias", map[string]string{"name": "alias/billing"}, 1},
		}},
		{"put the twilio token into secrets manager under notify/twilio, restorable for 10 days", []want{
			{"aws_secretsmanager_secret", map[string]string{"name": "notify/twilio", "recovery_window_in_days": "10"}, 1},
		}},
		{"a CMK for payroll data, alias payroll, deletion window 14 days", []want{
			{"aws_kms_alias", map[string]string{"name": "alias/payroll"}, 1},
			{"aws_kms_key", map[string]string{"deletion_window_in_days": "14"}, 1},
		}},
		{"kinesis stream metrics-in with 2 shards, retaining records for three days", []want{
			{"aws_kinesis_stream", map[string]string{"name": "metrics-in", "retention_period": "72"}, 1},
		}},
		{"three customer managed KMS keys: one for orders, one for users and one for audit", []want{
			{"aws_kms_key", nil, 3},
			{"aws_kms_key", map[string]string{"description": "SynCloud customer managed key for audit"}, 1},
		}},
		{"KMS keys for payroll and hr, each with a 20 day deletion window", []want{
			{"aws_kms_key", map[string]string{"deletion_window_in_days": "20"}, 2},
		}},
		{"store three secrets: ci/npm-token, ci/docker-token and ci/gh-token", []want{
			{"aws_secretsmanager_secret", nil, 3},
			{"aws_secretsmanager_secret", map[string]string{"name": "ci/gh-token"}, 1},
		}},
		{"secret holding the MySQL root password for the old server, name ops/mysql-root", []want{
			{"aws_secretsmanager_secret", map[string]string{"name": "ops/mysql-root"}, 1},
			{"aws_db_instance", nil, 0},
		}},
		{"an RSA 4096 KMS key used to sign release artifacts", []want{
			{"aws_kms_key", map[string]string{"customer_master_key_spec": "RSA_4096", "key_usage": "SIGN_VERIFY"}, 1},
			{"aws_kms_key", map[string]string{"enable_key_rotation": "true"}, 0},
		}},
		{"a KMS key of spec hmac_384 for webhook MACs", []want{
			{"aws_kms_key", map[string]string{"customer_master_key_spec": "HMAC_384", "key_usage": "GENERATE_VERIFY_MAC"}, 1},
		}},
		{"in us-east-1, secret shared/api-key replicated to eu-west-1 and ap-southeast-2", []want{
			{"aws_secretsmanager_secret", map[string]string{"name": "shared/api-key", "replica.region": "eu-west-1"}, 1},
			{"aws_secretsmanager_secret", map[string]string{"replica.region": "ap-southeast-2"}, 1},
		}},
		{"kinesis stream clicks, 2 shards", []want{
			{"aws_kinesis_stream", map[string]string{"name": "clicks", "shard_count": "2"}, 1},
		}},
		{"a glue database called sales and a crawler over bucket sales-raw-2024 every night", []want{
			{"aws_glue_catalog_database", map[string]string{"name": "sales"}, 1},
			{"aws_glue_crawler", map[string]string{"s3_target.path": "s3://sales-raw-2024/", "schedule": "cron(0 2 * * ? *)"}, 1},
		}},
	})
}
