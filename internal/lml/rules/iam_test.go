package rules

import "testing"

func TestIAMRolesForServices(t *testing.T) {
	runStackCases(t, []stackCase{
		{"a role Fargate tasks can assume, with AmazonDynamoDBReadOnlyAccess", []want{
			{"aws_iam_role", nil, 1},
			{"aws_iam_role_policy_attachment", map[string]string{"policy_arn": "arn:aws:iam::aws:policy/AmazonDynamoDBReadOnlyAccess"}, 1},
			{"aws_ecs_cluster", nil, 0},
			{"aws_ecs_task_definition", nil, 0},
		}},
		{"IAM role assumable by lambda functions with AWSLambdaBasicExecutionRole", []want{
			{"aws_iam_role", nil, 1},
			{"aws_lambda_function", nil, 0},
		}},
		{"a role for EC2 instances with CloudWatchAgentServerPolicy and an instance profile", []want{
			{"aws_iam_role", nil, 1}, {"aws_iam_instance_profile", nil, 1}, {"aws_instance", nil, 0},
		}},
		{"one EC2 instance whose instance profile role gets AmazonSSMManagedInstanceCore", []want{
			{"aws_instance", nil, 1}, {"aws_iam_role", nil, 1}, {"aws_iam_instance_profile", nil, 1},
		}},
		{"a node 20 lambda whose role can read the bucket assets-7", []want{
			{"aws_lambda_function", nil, 1},
		}},
	})
}

func TestIAMPolicyName(t *testing.T) {
	runStackCases(t, []stackCase{
		{"a customer managed policy called ecr-pull allowing ecr:BatchGetImage on arn:aws:ecr:us-east-1:111122223333:repository/app", []want{
			{"aws_iam_policy", map[string]string{"name": "ecr-pull"}, 1},
		}},
	})
}

func TestIAMUsersWithoutTheWordIAM(t *testing.T) {
	runStackCases(t, []stackCase{
		{"users frank and grace in an auditors group with SecurityAudit", []want{
			{"aws_iam_user", nil, 2},
			{"aws_iam_group", map[string]string{"name": "auditors"}, 1},
			{"aws_iam_group_policy_attachment", map[string]string{"policy_arn": "arn:aws:iam::aws:policy/SecurityAudit"}, 1},
		}},
		{"an IAM group with ViewOnlyAccess", []want{
			{"aws_iam_group", map[string]string{"name": "group"}, 1},
			{"aws_iam_group_policy_attachment", map[string]string{"policy_arn": "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess"}, 1},
		}},
		{"a deploy user with an access key", []want{{"aws_iam_user", nil, 1}, {"aws_iam_access_key", nil, 1}}},
	})
}
