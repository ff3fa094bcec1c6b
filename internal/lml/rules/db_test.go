package rules

import (
	"context"
	"testing"

	"github.com/syncloud/syncloud/internal/lml"
)

func TestRDSInstances(t *testing.T) {
	runStackCases(t, []stackCase{
		{"Set up a MySQL 5.7 database (db.t3.small) with 50GB storage and keep backups for two weeks", []want{
			{"aws_db_instance", map[string]string{"engine": "mysql", "engine_version": "5.7", "instance_class": "db.t3.small",
				"allocated_storage": "50", "backup_retention_period": "14", "manage_master_user_password": "true"}, 1},
		}},
		{"postgress 15 rds with multi az, deletion protection enabled and io2 storage of 400 GiB at 12000 iops", []want{
			{"aws_db_instance", map[string]string{"engine": "postgres", "engine_version": "15", "multi_az": "true",
				"deletion_protection": "true", "storage_type": "io2", "allocated_storage": "400", "iops": "12000"}, 1},
		}},
		{"I need an RDS SQL Server Express instance", []want{
			{"aws_db_instance", map[string]string{"engine": "sqlserver-ex", "license_model": "license-included"}, 1},
		}},
		{"mariadb on db.r6g.large with two read replicas", []want{
			{"aws_db_instance", map[string]string{"engine": "mariadb"}, 1},
			{"aws_db_instance", map[string]string{"replicate_source_db": "aws_db_instance.mariadb.identifier"}, 2},
		}},
		{"a postgres 16 database whose parameter group sets work_mem to 65536", []want{
			{"aws_db_parameter_group", map[string]string{"family": "postgres16", "parameter.name": "work_mem", "parameter.value": "65536"}, 1},
		}},
		{"a security group for Postgres allowing 5432 from 10.0.0.0/8", []want{{"aws_db_instance", nil, 0}}},
		{"postgres 16 rds, database name appdb, master username appadmin, performance insights, iam authentication, port 5433", []want{
			{"aws_db_instance", map[string]string{"db_name": "appdb", "username": "appadmin", "port": "5433",
				"performance_insights_enabled": "true", "iam_database_authentication_enabled": "true"}, 1},
		}},
		{"two postgres 15 databases on db.t3.small", []want{
			{"aws_db_instance", map[string]string{"engine_version": "15", "instance_class": "db.t3.small"}, 2},
		}},
		{"postgres 16 database", []want{{"aws_db_instance", nil, 1}}},
		{"postgres 15 rds with enhanced monitoring every 15 seconds and logs exported to cloudwatch", []want{
			{"aws_db_instance", map[string]string{"monitoring_interval": "15", "monitoring_role_arn": "aws_iam_role.rds_monitoring.arn",
				"enabled_cloudwatch_logs_exports": "postgresql"}, 1},
			{"aws_iam_role_policy_attachment", map[string]string{
				"policy_arn": "arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole"}, 1},
		}},
		{"a secret for the db password", []want{{"aws_db_instance", nil, 0}, {"aws_secretsmanager_secret", nil, 1}}},
		{"give me pg15 with 30 gb on a db.t3.small", []want{
			{"aws_db_instance", map[string]string{"engine": "postgres", "engine_version": "15", "allocated_storage": "30"}, 1},
		}},
		{"mysql8 rds for the shop", []want{{"aws_db_instance", map[string]string{"engine": "mysql", "engine_version": "8.0"}, 1}}},
		{"a Postgres fourteen database", []want{{"aws_db_instance", map[string]string{"engine_version": "14"}, 1}}},
		{"MySQL eight, db.m5.large", []want{{"aws_db_instance", map[string]string{"engine_version": "8.0", "instance_class": "db.m5.large"}, 1}}},
		{"a MySQL database called shopdb on db.t3.medium", []want{
			{"aws_db_instance", map[string]string{"identifier": "shopdb", "db_name": "shopdb"}, 1},
		}},
		{"a postgres instance named ledger", []want{
			{"aws_db_instance", map[string]string{"identifier": "ledger"}, 1},
			{"aws_db_instance", map[string]string{"db_name": "ledger"}, 0},
		}},
		{"mysql db for a demo, publicly accessible, backup window 01:00-02:00, maintenance Sundays 03:00-04:00", []want{
			{"aws_db_instance", map[string]string{"publicly_accessible": "true", "backup_window": "01:00-02:00", "maintenance_window": "sun:03:00-sun:04:00"}, 1},
		}},
		{"a postgres database that is not publicly accessible", []want{{"aws_db_instance", map[string]string{"publicly_accessible": "false"}, 1}}},
		{"a mariadb 10 instance", []want{{"aws_db_instance", map[string]string{"engine_version": "10.11"}, 1}}},
	})
}

func TestAuroraClusters(t *testing.T) {
	runStackCases(t, []stackCase{
		{"Aurora Serverless v2 PostgreSQL 15 with min 0.5 and max 4 ACUs", []want{
			{"aws_rds_cluster", map[string]string{"engine_version": "15.4",
				"serverlessv2_scaling_configuration.min_capacity": "0.5", "serverlessv2_scaling_configuration.max_capacity": "4"}, 1},
		}},
		{"Aurora PostgreSQL-compatible cluster v15, 2 readers and a writer", []want{
			{"aws_rds_cluster", map[string]string{"engine": "aurora-postgresql", "engine_version": "15.4"}, 1},
			{"aws_rds_cluster_instance", nil, 3},
		}},
		{"Aurora serverless postgres, min 2 max 16 ACU", []want{
			{"aws_rds_cluster", map[string]string{"engine": "aurora-postgresql",
				"serverlessv2_scaling_configuration.min_capacity": "2", "serverlessv2_scaling_configuration.max_capacity": "16"}, 1},
			{"aws_rds_cluster_instance", map[string]string{"instance_class": "db.serverless"}, 1},
		}},
		{"aurora mysql with backtracking of 12 hours", []want{
			{"aws_rds_cluster", map[string]string{"backtrack_window": "43200"}, 1},
		}},
		{"An Aurora MySQL cluster named orders-db with a writer and two readers on db.r6g.xlarge, 10 day backups", []want{
			{"aws_rds_cluster", map[string]string{"cluster_identifier": "orders-db", "engine": "aurora-mysql", "backup_retention_period": "10"}, 1},
			{"aws_rds_cluster_instance", map[string]string{"instance_class": "db.r6g.xlarge"}, 3},
		}},
	})
}

func TestEditsExistingDataResources(t *testing.T) {
	first := draftStack(t, "a postgres 16 database on db.t3.micro and a bucket called acme-logs-1")
	for _, tc := range []struct {
		prompt string
		want   []want
	}{
		{"add a read replica to my database and make it multi-az", []want{
			{"aws_db_instance", map[string]string{"multi_az": "true"}, 1},
			{"aws_db_instance", map[string]string{"replicate_source_db": "aws_db_instance.postgres.identifier"}, 1},
			{"aws_db_instance", nil, 2},
		}},
		{"turn on versioning for bucket acme-logs-1", []want{
			{"aws_s3_bucket", nil, 1},
			{"aws_s3_bucket_versioning", map[string]string{"bucket": "aws_s3_bucket.acme_logs_1.id"}, 1},
		}},
	} {
		d, err := Engine{}.Draft(context.Background(), lml.Request{Prompt: tc.prompt, Current: first})
		if err != nil {
			t.Fatalf("%q: %v", tc.prompt, err)
		}
		for _, w := range tc.want {
			if got := countMatching(d.Stack, w.typ, w.attrs); got != w.n {
				t.Errorf("%q: %s %v: got %d, want %d (%s)", tc.prompt, w.typ, w.attrs, got, w.n, summary(d.Stack))
			}
		}
	}
}
