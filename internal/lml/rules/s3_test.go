package rules

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/syncloud/syncloud/internal/spec"
)

func TestS3Buckets(t *testing.T) {
	runStackCases(t, []stackCase{
		{"please make an s3 bucket named media-assets-eu with object versioning", []want{
			{"aws_s3_bucket", map[string]string{"bucket": "media-assets-eu"}, 1},
			{"aws_s3_bucket_versioning", map[string]string{"versioning_configuration.status": "Enabled"}, 1},
		}},
		{"two S3 buckets named acme-media and acme-backups, versioning only on the backups one", []want{
			{"aws_s3_bucket", map[string]string{"bucket": "acme-media"}, 1},
			{"aws_s3_bucket", map[string]string{"bucket": "acme-backups"}, 1},
			{"aws_s3_bucket_versioning", map[string]string{"bucket": "aws_s3_bucket.acme_backups.id"}, 1},
			{"aws_s3_bucket_versioning", nil, 1},
		}},
		{"bucket tmp-uploads with versioning suspended", []want{
			{"aws_s3_bucket_versioning", map[string]string{"versioning_configuration.status": "Suspended"}, 1},
		}},
		{"bronze and gold buckets, both versioned", []want{
			{"aws_s3_bucket", nil, 2},
			{"aws_s3_bucket_versioning", nil, 2},
		}},
		{"an archive bucket: objects go to Intelligent-Tiering after 14 days and expire after 3 years", []want{
			{"aws_s3_bucket_lifecycle_configuration", map[string]string{
				"rule.transition.storage_class": "INTELLIGENT_TIERING", "rule.transition.days": "14",
				"rule.expiration.days": "1095", "rule.status": "Enabled"}, 1},
		}},
		{"bucket with SSE-KMS using a dedicated CMK", []want{
			{"aws_kms_key", nil, 1},
			{"aws_s3_bucket_server_side_encryption_configuration", map[string]string{
				"rule.apply_server_side_encryption_by_default.sse_algorithm":     "aws:kms",
				"rule.apply_server_side_encryption_by_default.kms_master_key_id": "aws_kms_key.data.arn"}, 1},
		}},
		{"bucket for our logs, purge them after sixty days", []want{
			{"aws_s3_bucket_lifecycle_configuration", map[string]string{"rule.expiration.days": "60"}, 1},
		}},
		{"bucket: after eighty days move things to Glacier, and after two years delete them", []want{
			{"aws_s3_bucket_lifecycle_configuration", map[string]string{
				"rule.transition.days": "80", "rule.transition.storage_class": "GLACIER", "rule.expiration.days": "730"}, 1},
		}},
		{"website bucket: start.html is the landing page, and missing pages should show sorry.html", []want{
			{"aws_s3_bucket_website_configuration", map[string]string{"index_document.suffix": "start.html", "error_document.key": "sorry.html"}, 1},
		}},
		{"bucket docs-store-2 encrypted by a fresh KMS key, previous versions removed after 45 days", []want{
			{"aws_kms_key", nil, 1},
			{"aws_s3_bucket_versioning", map[string]string{"versioning_configuration.status": "Enabled"}, 1},
			{"aws_s3_bucket_lifecycle_configuration", map[string]string{"rule.noncurrent_version_expiration.noncurrent_days": "45"}, 1},
		}},
		{"bucket cold-copies-4: straight to Glacier Deep Archive on upload", []want{
			{"aws_s3_bucket_lifecycle_configuration", map[string]string{"rule.transition.days": "0", "rule.transition.storage_class": "DEEP_ARCHIVE"}, 1},
		}},
		{"bucket with intelligent tiering right away", []want{
			{"aws_s3_bucket_lifecycle_configuration", map[string]string{"rule.transition.days": "0", "rule.transition.storage_class": "INTELLIGENT_TIERING"}, 1},
			{"aws_s3_bucket_intelligent_tiering_configuration", nil, 0},
		}},
		{"bucket moving objects to one zone IA after a week", []want{
			{"aws_s3_bucket_lifecycle_configuration", map[string]string{"rule.transition.days": "30", "rule.transition.storage_class": "ONEZONE_IA"}, 1},
		}},
		{"an S3 bucket for the finance team's exports, called fin-exports-22", []want{{"aws_s3_bucket", map[string]string{"bucket": "fin-exports-22"}, 1}}},
		{"bucket scratch-77, versioning off", []want{{"aws_s3_bucket", nil, 1},
			{"aws_s3_bucket_versioning", map[string]string{"versioning_configuration.status": "Disabled"}, 1},
			{"aws_s3_bucket_versioning", map[string]string{"versioning_configuration.status": "Enabled"}, 0}}},
		{"five buckets, one per team: web, data, ml, infra and sec", []want{{"aws_s3_bucket", nil, 5}}},
		{"Create buckets for the regions emea, apac and amer", []want{{"aws_s3_bucket", nil, 3}}},
		{"a bucket for db snapshots where objects are gone after a week", []want{
			{"aws_db_instance", nil, 0},
			{"aws_db_snapshot", nil, 0},
			{"aws_s3_bucket_lifecycle_configuration", map[string]string{"rule.expiration.days": "7"}, 1},
		}},
		{"a public static site bucket, index page home.html", []want{
			{"aws_s3_bucket_website_configuration", map[string]string{"index_document.suffix": "home.html"}, 1},
			{"aws_s3_bucket_public_access_block", map[string]string{"block_public_policy": "false", "block_public_acls": "true"}, 1},
			{"aws_s3_bucket_policy", nil, 1},
		}},
		{"notify the SNS topic whenever files are deleted from bucket audit-trail-01", []want{
			{"aws_sns_topic", nil, 1},
			{"aws_sns_topic_policy", nil, 1},
			{"aws_s3_bucket_notification", map[string]string{"topic.events": "s3:ObjectRemoved:*"}, 1},
		}},
		{"copy every object of bucket src-data-1 into a replica bucket in Frankfurt", []want{
			{"aws_s3_bucket", nil, 2},
			{"aws_s3_bucket_versioning", nil, 2},
			{"aws_s3_bucket_replication_configuration", nil, 1},
		}},
		{"S3 bucket media with event notifications to SQS queue 'thumbnails' for CSV files under incoming/", []want{
			{"aws_s3_bucket", map[string]string{"bucket_prefix": "media-"}, 1},
			{"aws_sqs_queue_policy", nil, 1},
			{"aws_s3_bucket_notification", map[string]string{"queue.filter_suffix": ".csv", "queue.filter_prefix": "incoming/"}, 1},
		}},
		{"bucket app-uploads with server access logging, object lock in compliance mode for 365 days, and transfer acceleration", []want{
			{"aws_s3_bucket", map[string]string{"bucket": "app-uploads", "object_lock_enabled": "true"}, 1},
			{"aws_s3_bucket", nil, 2},
			{"aws_s3_bucket_logging", map[string]string{"bucket": "aws_s3_bucket.app_uploads.id"}, 1},
			{"aws_s3_bucket_object_lock_configuration", map[string]string{"rule.default_retention.mode": "COMPLIANCE",
				"rule.default_retention.days": "365"}, 1},
			{"aws_s3_bucket_accelerate_configuration", nil, 1},
			{"aws_instance", nil, 0},
		}},
		{"Replicate a new bucket to a backup bucket in us-west-2", []want{
			{"aws_s3_bucket", map[string]string{"provider": "us_west_2"}, 1},
			{"aws_s3_bucket", nil, 2},
			{"aws_s3_bucket_replication_configuration", nil, 1},
		}},
		{"a bucket raw-1 tagged team=ingest and a bucket curated-1 tagged team=analytics", []want{
			{"aws_s3_bucket", map[string]string{"bucket": "raw-1", "tags.team": "ingest"}, 1},
			{"aws_s3_bucket", map[string]string{"bucket": "curated-1", "tags.team": "analytics"}, 1},
		}},
		{"bucket shared-data-7 that account 111122223333 can read, HTTPS only", []want{
			{"aws_s3_bucket_policy", map[string]string{"bucket": "aws_s3_bucket.shared_data_7.id"}, 1},
		}},
		{"public static website bucket that only allows TLS", []want{
			{"aws_s3_bucket_policy", nil, 1},
			{"aws_s3_bucket_website_configuration", nil, 1},
		}},
		{"VPC with flow logs delivered to an S3 bucket", []want{{"aws_s3_bucket", nil, 1}}},
		{"logs bucket keeping only the last 30 days of logs, abort incomplete multipart uploads after 3 days", []want{
			{"aws_s3_bucket_lifecycle_configuration", map[string]string{"rule.expiration.days": "30",
				"rule.abort_incomplete_multipart_upload.days_after_initiation": "3"}, 1},
		}},
		{"postgres with backups kept 7 days and a bucket for exports", []want{
			{"aws_s3_bucket_lifecycle_configuration", nil, 0},
			{"aws_db_instance", map[string]string{"backup_retention_period": "7"}, 1},
		}},
		{"an ec2 role that can read from S3, and a postgres db", []want{{"aws_s3_bucket", nil, 0}, {"aws_db_instance", nil, 1}}},
	})
}

func TestBucketPolicyStatements(t *testing.T) {
	s := draftStack(t, "public static website bucket that only allows TLS, readable by account 111122223333")
	var sids []string
	for _, r := range s.Resources {
		if r.Mode == spec.Data && r.Type == "aws_iam_policy_document" {
			for _, st := range r.Body.BlocksOf("statement") {
				if v, ok := st.Get("sid"); ok {
					sids = append(sids, v.Str)
				}
			}
		}
	}
	want := []string{"PublicReadGetObject", "DenyInsecureTransport", "Account111122223333"}
	if diff := cmp.Diff(want, sids); diff != "" {
		t.Errorf("one bucket policy with every statement (-want +got):\n%s", diff)
	}
}
