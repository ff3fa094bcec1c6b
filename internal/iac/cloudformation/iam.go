package cloudformation

import (
	"github.com/syncloud/syncloud/internal/spec"
)

// iamRole converts aws_iam_role and folds in the role policy attachments
// that name it: CloudFormation lists a role's managed policies on the role.
// name_prefix is dropped: CloudFormation generates a unique name itself.
func iamRole(c *conv) {
	c.propPairs("name", "RoleName", "path", "Path", "description", "Description",
		"max_session_duration", "MaxSessionDuration", "permissions_boundary", "PermissionsBoundary")
	c.propWith("assume_role_policy", "AssumeRolePolicyDocument", jsonDoc)
	c.drop("name_prefix", "force_detach_policies")
	var arns []any
	if v, ok := c.get("managed_policy_arns"); ok {
		if l, ok := list(c, v).([]any); ok {
			arns = append(arns, l...)
		}
	}
	c.eachFolded(ofType("aws_iam_role_policy_attachment"), func(s *conv) {
		s.drop("role")
		if v, ok := s.get("policy_arn"); ok {
			arns = append(arns, s.value(v))
		}
	})
	if len(arns) > 0 {
		c.props["ManagedPolicyArns"] = arns
	}
	c.tags()
}

func iamRolePolicy(c *conv) {
	c.propPairs("name", "PolicyName", "role", "RoleName")
	c.propWith("policy", "PolicyDocument", jsonDoc)
	if _, ok := c.props["PolicyName"]; !ok {
		c.props["PolicyName"] = c.id
	}
	c.drop("name_prefix")
}

func iamPolicy(c *conv) {
	c.propPairs("name", "ManagedPolicyName", "path", "Path", "description", "Description")
	c.propWith("policy", "PolicyDocument", jsonDoc)
	c.drop("name_prefix")
	c.drop("tags", "tags_all") // AWS::IAM::ManagedPolicy takes no tags
}

func instanceProfile(c *conv) {
	c.propPairs("name", "InstanceProfileName", "path", "Path")
	c.propWith("role", "Roles", list)
	c.drop("name_prefix", "tags", "tags_all") // AWS::IAM::InstanceProfile takes no tags
}

// kmsKey converts aws_kms_key. A key without a policy gets KMS's default
// key policy, as in Terraform.
func kmsKey(c *conv) {
	c.propPairs("description", "Description", "enable_key_rotation", "EnableKeyRotation",
		"deletion_window_in_days", "PendingWindowInDays", "key_usage", "KeyUsage",
		"customer_master_key_spec", "KeySpec", "multi_region", "MultiRegion",
		"rotation_period_in_days", "RotationPeriodInDays", "is_enabled", "Enabled",
		"bypass_policy_lockout_safety_check", "BypassPolicyLockoutSafetyCheck")
	c.propWith("policy", "KeyPolicy", jsonDoc)
	c.tags()
}

func kmsAlias(c *conv) {
	c.propPairs("name", "AliasName", "target_key_id", "TargetKeyId")
}

func secret(c *conv) {
	c.propPairs("name", "Name", "description", "Description", "kms_key_id", "KmsKeyId")
	c.drop("name_prefix", "recovery_window_in_days", "force_overwrite_replica_secret") // Terraform-only delete behaviour
	c.nestedList("replica", "ReplicaRegions", func(n *conv) { n.propPairs("region", "Region", "kms_key_id", "KmsKeyId") })
	if v, ok := c.get("policy"); ok {
		c.add(c.r.reserve(c.id+"Policy"), &resource{Type: "AWS::SecretsManager::ResourcePolicy", Properties: map[string]any{
			"SecretId": ref(c.id), "ResourcePolicy": jsonDoc(c, v)}})
	}
	c.tags()
}

func logGroup(c *conv) {
	c.propPairs("name", "LogGroupName", "retention_in_days", "RetentionInDays", "kms_key_id", "KmsKeyId",
		"log_group_class", "LogGroupClass")
	c.drop("name_prefix", "skip_destroy")
	c.tags()
}

// metricAlarm converts aws_cloudwatch_metric_alarm; its dimensions map
// becomes CloudFormation's [{Name, Value}] list, sorted by name.
func metricAlarm(c *conv) {
	c.propPairs("alarm_name", "AlarmName", "alarm_description", "AlarmDescription",
		"comparison_operator", "ComparisonOperator", "evaluation_periods", "EvaluationPeriods",
		"datapoints_to_alarm", "DatapointsToAlarm", "metric_name", "MetricName", "namespace", "Namespace",
		"period", "Period", "statistic", "Statistic", "extended_statistic", "ExtendedStatistic",
		"threshold", "Threshold", "unit", "Unit", "treat_missing_data", "TreatMissingData",
		"actions_enabled", "ActionsEnabled", "alarm_actions", "AlarmActions", "ok_actions", "OKActions",
		"insufficient_data_actions", "InsufficientDataActions")
	if v, ok := c.get("dimensions"); ok && v.Kind == spec.KindMap {
		var dims []any
		for _, e := range v.Map {
			dims = append(dims, map[string]any{"Name": e.Key, "Value": c.value(e.Value)})
		}
		c.props["Dimensions"] = dims
	}
	c.tags()
}

// ofType selects resources of one type.
func ofType(typ string) func(*spec.Resource) bool {
	return func(r *spec.Resource) bool { return r.Type == typ }
}
