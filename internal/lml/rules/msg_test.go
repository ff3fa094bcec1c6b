package rules

import "testing"

func TestQueuesAndTopics(t *testing.T) {
	runAppCases(t, []appCase{
		{name: "named queue with visibility", prompt: "create a queue called billing, visibility timeout 2 minutes",
			want: []appWant{{"aws_sqs_queue", 1, map[string]string{"name": "billing", "visibility_timeout_seconds": "120"}}}},
		{name: "fifo with dedup, typo", prompt: "I need a fifo sqs queue named invoices with content based deduplication",
			want: []appWant{{"aws_sqs_queue", 1, map[string]string{"name": "invoices.fifo", "fifo_queue": "true", "content_based_deduplication": "true"}}}},
		{name: "dlq with retries", prompt: "SQS queue 'emails' plus a dead letter queue after 3 retries; the DLQ retains messages for 7 days",
			want: []appWant{
				{"aws_sqs_queue", 1, map[string]string{"name": "emails", "redrive_policy": "~\"maxReceiveCount\":3"}},
				{"aws_sqs_queue", 1, map[string]string{"name": "emails-dlq", "message_retention_seconds": "604800"}},
			}},
		{name: "size, polling, retention", prompt: "a queue keeping messages 2 days with long polling and a max message size of 64 KB",
			want: []appWant{{"aws_sqs_queue", 1, map[string]string{"message_retention_seconds": "172800", "receive_wait_time_seconds": "20", "max_message_size": "65536"}}}},
		{name: "fan-out three queues", prompt: "an SNS topic fanning out to three SQS queues",
			want: []appWant{
				{"aws_sns_topic", 1, nil}, {"aws_sqs_queue", 3, nil},
				{"aws_sns_topic_subscription", 3, map[string]string{"protocol": "sqs"}},
				{"aws_sqs_queue_policy", 3, nil},
			}},
		{name: "topic with two emails", prompt: "notifications topic named releases; subscribe a@example.org and b@example.org via email",
			want: []appWant{
				{"aws_sns_topic", 1, map[string]string{"name": "releases"}},
				{"aws_sns_topic_subscription", 1, map[string]string{"endpoint": "a@example.org", "topic_arn": "aws_sns_topic.releases.arn"}},
				{"aws_sns_topic_subscription", 1, map[string]string{"endpoint": "b@example.org", "protocol": "email"}},
			}},
		{name: "fifo topic", prompt: "a FIFO SNS topic called trades",
			want: []appWant{{"aws_sns_topic", 1, map[string]string{"name": "trades.fifo", "fifo_topic": "true"}}}},
		{name: "sms and webhook", prompt: "an SNS topic called incidents; text +15555550123 and post to the webhook https://ops.example.net/hook",
			want: []appWant{
				{"aws_sns_topic_subscription", 1, map[string]string{"protocol": "sms", "endpoint": "+15555550123", "topic_arn": "aws_sns_topic.incidents.arn"}},
				{"aws_sns_topic_subscription", 1, map[string]string{"protocol": "https", "endpoint": "https://ops.example.net/hook"}},
			}},
		{name: "queue with a cmk", prompt: "jobs queue, encrypt it using our own KMS key",
			want: []appWant{{"aws_kms_key", 1, nil}, {"aws_sqs_queue", 1, map[string]string{"kms_master_key_id": "aws_kms_key.data.arn"}}}},
		{name: "topic with a cmk", prompt: "SNS topic audit-events encrypted under a customer managed KMS key",
			want: []appWant{{"aws_sns_topic", 1, map[string]string{"name": "audit-events", "kms_master_key_id": "aws_kms_key.data.arn"}}}},
		{name: "message limit without the word size", prompt: "queue for webhooks: messages of at most 128 KB, twenty-second polling",
			want: []appWant{{"aws_sqs_queue", 1, map[string]string{"max_message_size": "131072", "receive_wait_time_seconds": "20"}}}},
		{name: "fifo by its name", prompt: "a queue payouts.fifo plus a DLQ after 2 tries, and an SNS topic ledger.fifo",
			want: []appWant{
				{"aws_sqs_queue", 1, map[string]string{"name": "payouts.fifo", "fifo_queue": "true"}},
				{"aws_sqs_queue", 1, map[string]string{"name": "payouts-dlq.fifo", "fifo_queue": "true"}},
				{"aws_sns_topic", 1, map[string]string{"name": "ledger.fifo", "fifo_topic": "true"}},
			}},
		{name: "existing function by arn", prompt: "sns topic deploy-events that invokes the function arn:aws:lambda:eu-west-1:111122223333:function:on-deploy",
			want: []appWant{
				{"aws_lambda_function", 0, nil},
				{"aws_sns_topic_subscription", 1, map[string]string{"protocol": "lambda", "endpoint": "arn:aws:lambda:eu-west-1:111122223333:function:on-deploy"}},
				{"aws_lambda_permission", 1, map[string]string{"principal": "sns.amazonaws.com", "source_arn": "aws_sns_topic.deploy_events.arn"}},
			}},
		{name: "raw delivery to a named queue", prompt: "topic stock-levels with an SQS subscription to queue stock-sync, raw message delivery on",
			want: []appWant{
				{"aws_sqs_queue", 1, map[string]string{"name": "stock-sync"}},
				{"aws_sns_topic_subscription", 1, map[string]string{"protocol": "sqs", "raw_message_delivery": "true"}},
			}},
		{name: "bare queue name", prompt: "sqs queue image-jobs, visibility 5 minutes",
			want: []appWant{{"aws_sqs_queue", 1, map[string]string{"name": "image-jobs", "visibility_timeout_seconds": "300"}}}},
		{name: "title names the queue", prompt: "Queue plus consumer: a queue named ingest read by a node 20 lambda",
			want: []appWant{{"aws_sqs_queue", 1, map[string]string{"name": "ingest"}}, {"aws_sqs_queue", 1, nil}}},
		{name: "sse-sqs", prompt: "queue named audit encrypted with SSE-SQS",
			want: []appWant{{"aws_sqs_queue", 1, map[string]string{"name": "audit", "sqs_managed_sse_enabled": "true"}}}},
	})
}
