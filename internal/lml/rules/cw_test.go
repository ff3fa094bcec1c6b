package rules

import "testing"

func TestMonitoring(t *testing.T) {
	runAppCases(t, []appCase{
		{name: "log group year", prompt: "a CloudWatch log group named /svc/payments retained for a year",
			want: []appWant{{"aws_cloudwatch_log_group", 1, map[string]string{"name": "/svc/payments", "retention_in_days": "365"}}}},
		{name: "log group odd retention", prompt: "log group /jobs/nightly keeping logs 45 days",
			want: []appWant{{"aws_cloudwatch_log_group", 1, map[string]string{"retention_in_days": "60"}}}},
		{name: "two log groups in one phrase", prompt: "log groups /svc/a and /svc/b, both retained for two weeks",
			want: []appWant{
				{"aws_cloudwatch_log_group", 2, map[string]string{"retention_in_days": "14"}},
				{"aws_cloudwatch_log_group", 1, map[string]string{"name": "/svc/b"}},
			}},
		{name: "log group path further on", prompt: "a log group for the batch jobs under /batch/nightly, keeping logs one month",
			want: []appWant{{"aws_cloudwatch_log_group", 1, map[string]string{"name": "/batch/nightly", "retention_in_days": "30"}}}},
		{name: "kms log group", prompt: "log group /pci/app encrypted with a KMS key",
			want: []appWant{
				{"aws_kms_key", 1, nil},
				{"aws_cloudwatch_log_group", 1, map[string]string{"kms_key_id": "~aws_kms_key."}},
			}},
		{name: "cpu alarm on instance id", prompt: "alert me by email at ops@example.org via an alarm when i-0123456789abcdef0 CPU goes over 90 percent for 10 minutes",
			want: []appWant{
				{"aws_cloudwatch_metric_alarm", 1, map[string]string{"metric_name": "CPUUtilization", "threshold": "90",
					"dimensions.InstanceId": "i-0123456789abcdef0", "period": "300", "evaluation_periods": "2", "alarm_actions": "~aws_sns_topic."}},
				{"aws_sns_topic_subscription", 1, map[string]string{"endpoint": "ops@example.org"}},
			}},
		{name: "queue depth alarm", prompt: "SQS queue named jobs with an alarm if more than 500 messages are waiting",
			want: []appWant{{"aws_cloudwatch_metric_alarm", 1, map[string]string{"namespace": "AWS/SQS", "threshold": "500",
				"dimensions.QueueName": "aws_sqs_queue.jobs.name"}}},
			absent: []string{"aws_sns_topic"}},
		{name: "metric filter quoted", prompt: "metric filter on log group /api/prod matching \"Exception\" into metric Exceptions, namespace Api",
			want: []appWant{{"aws_cloudwatch_log_metric_filter", 1, map[string]string{"pattern": "Exception", "log_group_name": "/api/prod",
				"metric_transformation.name": "Exceptions", "metric_transformation.namespace": "Api"}}}},
	})
}

func TestMoreAlarms(t *testing.T) {
	runAppCases(t, []appCase{
		{name: "alarm without the word", prompt: "queue uploads; page oncall@example.net whenever over 1000 messages pile up",
			want: []appWant{
				{"aws_cloudwatch_metric_alarm", 1, map[string]string{"namespace": "AWS/SQS", "threshold": "1000", "alarm_actions": "~aws_sns_topic."}},
				{"aws_sns_topic_subscription", 1, map[string]string{"endpoint": "oncall@example.net", "protocol": "email"}},
			}},
		{name: "alarm notifies the named topic", prompt: "an SNS topic named db-alerts, and an alarm that notifies it when queue jobs has over 200 messages",
			want: []appWant{
				{"aws_sns_topic", 1, nil},
				{"aws_cloudwatch_metric_alarm", 1, map[string]string{"alarm_actions": "aws_sns_topic.db_alerts.arn", "threshold": "200"}},
			}},
		{name: "notification without a threshold is no alarm", prompt: "email me at a@example.com when an object lands in bucket drop-zone-9",
			absent: []string{"aws_cloudwatch_metric_alarm"}},
		{name: "metric filter on a plain word", prompt: "metric filter over log group /svc/auth for lines mentioning timeout, metric AuthTimeouts in namespace Auth",
			want: []appWant{{"aws_cloudwatch_log_metric_filter", 1, map[string]string{"pattern": "timeout", "metric_transformation.name": "AuthTimeouts"}}}},
		{name: "memory on instance", prompt: "a t3.large instance with an alarm when memory goes above 85%",
			want: []appWant{{"aws_cloudwatch_metric_alarm", 1, map[string]string{"namespace": "CWAgent", "metric_name": "mem_used_percent", "threshold": "85"}}}},
		{name: "existing rds instance", prompt: "set an alarm on our RDS instance billing-db if CPU crosses 75%",
			want:   []appWant{{"aws_cloudwatch_metric_alarm", 1, map[string]string{"namespace": "AWS/RDS", "threshold": "75", "dimensions.DBInstanceIdentifier": "billing-db"}}},
			absent: []string{"aws_db_instance"}},
		{name: "new database with an alarm", prompt: "a mysql database with an alarm for CPU above 70%",
			want: []appWant{{"aws_db_instance", 1, nil}, {"aws_cloudwatch_metric_alarm", 1, map[string]string{"dimensions.DBInstanceIdentifier": "aws_db_instance.mysql.identifier"}}}},
		{name: "rds storage", prompt: "postgres db.t3.small with an alarm if free storage drops below 5 GB",
			want: []appWant{{"aws_cloudwatch_metric_alarm", 1, map[string]string{"metric_name": "FreeStorageSpace", "comparison_operator": "LessThanThreshold", "threshold": "5368709120"}}}},
	})
}

func TestDLQAlarmAndAliasRecords(t *testing.T) {
	runAppCases(t, []appCase{
		{name: "dlq not empty", prompt: "queue named jobs with a DLQ and an alarm when the DLQ is not empty",
			want: []appWant{{"aws_cloudwatch_metric_alarm", 1, map[string]string{"dimensions.QueueName": "aws_sqs_queue.jobs_dlq.name", "threshold": "0"}}}},
		{name: "alias records", prompt: "CloudFront site for example.net and www.example.net with a Route 53 zone example.net and alias records for both",
			want: []appWant{{"aws_route53_record", 2, map[string]string{"type": "A", "alias.name": "aws_cloudfront_distribution.site.domain_name"}}}},
	})
}
