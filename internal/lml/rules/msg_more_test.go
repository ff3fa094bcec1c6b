package rules

import "testing"

func TestMessagingWiring(t *testing.T) {
	runAppCases(t, []appCase{
		{name: "function dlq", prompt: "a Lambda with a dead-letter queue for failed invocations",
			want: []appWant{
				{"aws_lambda_function", 1, map[string]string{"dead_letter_config.target_arn": "aws_sqs_queue.function_dlq.arn"}},
				{"aws_iam_role_policy", 1, nil},
			}},
		{name: "topic triggers function", prompt: "SNS topic named uploads that triggers a python lambda",
			want: []appWant{
				{"aws_sns_topic_subscription", 1, map[string]string{"protocol": "lambda", "endpoint": "aws_lambda_function.function.arn"}},
				{"aws_lambda_permission", 1, map[string]string{"principal": "sns.amazonaws.com", "source_arn": "aws_sns_topic.uploads.arn"}},
			}},
		{name: "named queue list", prompt: "Fan out: topic 'events' delivering to queues audit and billing",
			want: []appWant{
				{"aws_sqs_queue", 1, map[string]string{"name": "audit"}}, {"aws_sqs_queue", 1, map[string]string{"name": "billing"}},
				{"aws_sns_topic_subscription", 2, map[string]string{"protocol": "sqs"}},
			}},
		{name: "sqs compound trigger", prompt: "SQS-triggered lambda in python 3.11 with batch size 25",
			want: []appWant{{"aws_lambda_event_source_mapping", 1, map[string]string{"batch_size": "25"}}}},
		{name: "txt record", prompt: "hosted zone for shop.example.com with a TXT record \"v=spf1 -all\"",
			want: []appWant{{"aws_route53_record", 1, map[string]string{"type": "TXT", "records": "v=spf1 -all"}}}},
		{name: "oidc role that pushes", prompt: "an ECR repo for images and a GitHub OIDC role that can push to it from org/app",
			want: []appWant{
				{"aws_iam_policy", 1, map[string]string{"description": "~ecr:PutImage"}},
				{"aws_iam_role_policy_attachment", 1, map[string]string{"role": "aws_iam_role.github_actions.name", "policy_arn": "aws_iam_policy.custom.arn"}},
			}},
	})
}
