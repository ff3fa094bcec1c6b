package rules

import "testing"

func TestFunctions(t *testing.T) {
	runAppCases(t, []appCase{
		{name: "python with sizing", prompt: "deploy a Python 3.11 Lambda function with 1 GB of RAM and a 2 minute timeout",
			want: []appWant{
				{"aws_lambda_function", 1, map[string]string{"runtime": "python3.11", "memory_size": "1024", "timeout": "120", "filename": "function.zip"}},
				{"aws_iam_role", 1, nil},
				{"aws_iam_role_policy_attachment", 1, map[string]string{"policy_arn": "~AWSLambdaBasicExecutionRole"}},
			}},
		{name: "node env and name", prompt: "a nodejs 22 function called resizer, environment variables BUCKET=images and MODE=fast",
			want: []appWant{{"aws_lambda_function", 1, map[string]string{"runtime": "nodejs22.x", "function_name": "resizer",
				"environment.variables.BUCKET": "images", "environment.variables.MODE": "fast"}}}},
		{name: "queue consumer with batch", prompt: "a worker lambda in node that processes jobs from an SQS queue in batches of 5",
			want: []appWant{
				{"aws_lambda_event_source_mapping", 1, map[string]string{"batch_size": "5", "event_source_arn": "aws_sqs_queue.queue.arn"}},
				{"aws_iam_role_policy_attachment", 1, map[string]string{"policy_arn": "~AWSLambdaSQSQueueExecutionRole"}},
			}},
		{name: "weekday schedule", prompt: "run a python lambda on weekdays at 9:30am via an EventBridge schedule",
			want: []appWant{
				{"aws_cloudwatch_event_rule", 1, map[string]string{"schedule_expression": "cron(30 9 ? * MON-FRI *)"}},
				{"aws_cloudwatch_event_target", 1, nil},
				{"aws_lambda_permission", 1, map[string]string{"principal": "events.amazonaws.com"}},
			}},
		{name: "hourly rate", prompt: "lambda that runs every 2 hours",
			want: []appWant{{"aws_cloudwatch_event_rule", 1, map[string]string{"schedule_expression": "rate(2 hours)"}}}},
		{name: "function url with iam auth", prompt: "python lambda with a function URL",
			want: []appWant{{"aws_lambda_function_url", 1, map[string]string{"authorization_type": "AWS_IAM"}}}},
		{name: "log retention", prompt: "a go lambda named ingest whose logs are kept for two weeks",
			want: []appWant{
				{"aws_lambda_function", 1, map[string]string{"runtime": "provided.al2023", "handler": "bootstrap"}},
				{"aws_cloudwatch_log_group", 1, map[string]string{"name": "/aws/lambda/ingest", "retention_in_days": "14"}},
			}},
		{name: "bare memory size", prompt: "a 1.5 GB java 21 lambda, timeout 45s",
			want: []appWant{{"aws_lambda_function", 1, map[string]string{"runtime": "java21", "memory_size": "1536", "timeout": "45"}}}},
		{name: "size of the files is not memory", prompt: "node lambda that resizes 5 MB images",
			want: []appWant{{"aws_lambda_function", 0, map[string]string{"memory_size": "128"}}}},
		{name: "file type as a noun", prompt: "node lambda that runs whenever a PNG is dropped into bucket media-in",
			want: []appWant{{"aws_s3_bucket_notification", 1, map[string]string{"lambda_function.filter_suffix": ".png"}}}},
		{name: "plural file type", prompt: "python function invoked when new PDFs arrive in the docs-inbox bucket",
			want: []appWant{{"aws_s3_bucket_notification", 1, map[string]string{"lambda_function.filter_suffix": ".pdf"}}}},
		{name: "tracing, concurrency and the longest timeout", prompt: "ruby lambda, 20 reserved concurrent executions, active xray, maximum timeout",
			want: []appWant{
				{"aws_lambda_function", 1, map[string]string{"reserved_concurrent_executions": "20", "tracing_config.mode": "Active", "timeout": "900"}},
				{"aws_iam_role_policy_attachment", 1, map[string]string{"policy_arn": "~AWSXRayDaemonWriteAccess"}},
			}},
		{name: "no tracing", prompt: "python lambda without X-Ray tracing, concurrency limit of 3",
			want: []appWant{{"aws_lambda_function", 1, map[string]string{"reserved_concurrent_executions": "3"}},
				{"aws_iam_role_policy_attachment", 0, map[string]string{"policy_arn": "~AWSXRayDaemonWriteAccess"}}}},
		{name: "functions listed by name", prompt: "python functions ingest, enrich and publish",
			want: []appWant{
				{"aws_lambda_function", 1, map[string]string{"function_name": "ingest"}},
				{"aws_lambda_function", 1, map[string]string{"function_name": "publish"}},
				{"aws_lambda_function", 3, nil},
			}},
		{name: "one lambda before a list", prompt: "a python lambda, s3 and dynamodb read access",
			want: []appWant{{"aws_lambda_function", 1, nil}}},
		{name: "execution role only", prompt: "customer-managed IAM policy allowing dynamodb:GetItem on arn:aws:dynamodb:us-east-1:123456789012:table/users attached to a new Lambda execution role",
			want:   []appWant{{"aws_iam_policy", 1, nil}, {"aws_iam_role", 1, nil}},
			absent: []string{"aws_lambda_function"}},
	})
}

func TestSchedule(t *testing.T) {
	for in, want := range map[string]string{
		"every 15 minutes":              "rate(15 minutes)",
		"every day at 6pm":              "cron(0 18 * * ? *)",
		"nightly at 23:15 UTC":          "cron(15 23 * * ? *)",
		"every monday at 7 am":          "cron(0 7 ? * MON *)",
		"hourly":                        "rate(1 hour)",
		"daily at 9am EST":              "cron(0 14 * * ? *)",
		"on a cron(0/10 * * * ? *) job": "cron(0/10 * * * ? *)",
		"monthly at midnight":           "cron(0 0 1 * ? *)",
	} {
		s, ok := Tokenize(in).Schedule()
		if !ok || s.Expr != want {
			t.Errorf("Schedule(%q) = %q, %v; want %q", in, s.Expr, ok, want)
		}
	}
}

func TestScheduleWithCronWords(t *testing.T) {
	for in, want := range map[string]string{
		"Cron job: every weekday at 7:30 run a task": "cron(30 7 ? * MON-FRI *)",
		"a cron rule on Fridays at 17:00":            "cron(0 17 ? * FRI *)",
	} {
		if s, ok := Tokenize(in).Schedule(); !ok || s.Expr != want {
			t.Errorf("Schedule(%q) = %q, %v; want %q", in, s.Expr, ok, want)
		}
	}
}
