package rules

import "testing"

func TestAPIsEventsAndIAM(t *testing.T) {
	runAppCases(t, []appCase{
		{name: "routes and cors", prompt: "HTTP API with GET /users, DELETE /users/{id} routes on a python lambda, CORS for https://app.example.com",
			want: []appWant{
				{"aws_apigatewayv2_api", 1, map[string]string{"cors_configuration.allow_origins": "https://app.example.com"}},
				{"aws_apigatewayv2_route", 1, map[string]string{"route_key": "GET /users"}},
				{"aws_apigatewayv2_route", 1, map[string]string{"route_key": "DELETE /users/{id}"}},
				{"aws_apigatewayv2_integration", 1, map[string]string{"integration_uri": "aws_lambda_function.function.invoke_arn"}},
				{"aws_lambda_permission", 1, map[string]string{"principal": "apigateway.amazonaws.com"}},
			}},
		{name: "proxy default route", prompt: "api gateway proxying all traffic to a node lambda",
			want: []appWant{{"aws_apigatewayv2_route", 1, map[string]string{"route_key": "$default"}}, {"aws_apigatewayv2_stage", 1, map[string]string{"name": "$default", "auto_deploy": "true"}}}},
		{name: "named stage with throttling", prompt: "HTTP API for a node lambda, 'v1' stage, rate limit 25 requests/sec with bursts of 50",
			want: []appWant{{"aws_apigatewayv2_stage", 1, map[string]string{"name": "v1",
				"default_route_settings.throttling_rate_limit": "25", "default_route_settings.throttling_burst_limit": "50"}}}},
		{name: "bus rule to queue", prompt: "custom event bus named billing with a rule for source com.example.billing that sends events to an SQS queue",
			want: []appWant{
				{"aws_cloudwatch_event_bus", 1, map[string]string{"name": "billing"}},
				{"aws_cloudwatch_event_rule", 1, map[string]string{"event_pattern": "~com.example.billing", "event_bus_name": "aws_cloudwatch_event_bus.billing.name"}},
				{"aws_cloudwatch_event_target", 1, map[string]string{"arn": "aws_sqs_queue.queue.arn"}},
				{"aws_sqs_queue_policy", 1, nil},
			},
			absent: []string{"aws_lambda_event_source_mapping"}},
		{name: "role for ec2 with profile", prompt: "an IAM role for EC2 instances with CloudWatchAgentServerPolicy and AmazonSSMManagedInstanceCore attached",
			want: []appWant{
				{"aws_iam_role", 1, nil}, {"aws_iam_instance_profile", 1, nil},
				{"aws_iam_role_policy_attachment", 1, map[string]string{"policy_arn": "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"}},
			}},
		{name: "users in group", prompt: "create IAM users carol, dave and erin in an IAM group named admins with AdministratorAccess",
			want: []appWant{
				{"aws_iam_user", 3, nil}, {"aws_iam_group", 1, map[string]string{"name": "admins"}},
				{"aws_iam_group_membership", 1, map[string]string{"users": "aws_iam_user.carol.name,aws_iam_user.dave.name,aws_iam_user.erin.name"}},
				{"aws_iam_group_policy_attachment", 1, map[string]string{"policy_arn": "arn:aws:iam::aws:policy/AdministratorAccess"}},
			}},
		{name: "github oidc branch", prompt: "let GitHub Actions from octo/site on the main branch assume a role through OIDC",
			want: []appWant{
				{"aws_iam_openid_connect_provider", 1, map[string]string{"url": "https://token.actions.githubusercontent.com"}},
				{"aws_iam_role", 1, map[string]string{"assume_role_policy": "data.aws_iam_policy_document.github_actions_assume.json"}},
			}},
	})
}
