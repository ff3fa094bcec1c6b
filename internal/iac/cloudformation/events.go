package cloudformation

import (
	"github.com/syncloud/syncloud/internal/spec"
)

func eventBus(c *conv) {
	c.prop("name", "Name")
	c.tags()
}

// eventRule converts aws_cloudwatch_event_rule and folds in its
// aws_cloudwatch_event_target resources, which CloudFormation lists on the
// rule. A target without target_id is named after its resource.
func eventRule(c *conv) {
	c.propPairs("name", "Name", "description", "Description", "schedule_expression", "ScheduleExpression",
		"event_bus_name", "EventBusName", "state", "State", "role_arn", "RoleArn")
	c.propWith("event_pattern", "EventPattern", jsonDoc)
	if v, ok := c.get("is_enabled"); ok && v.Kind == spec.KindBool {
		c.props["State"] = map[bool]string{true: "ENABLED", false: "DISABLED"}[v.Bool]
	}
	c.drop("name_prefix")
	var targets []any
	c.eachFolded(ofType("aws_cloudwatch_event_target"), func(s *conv) {
		s.drop("rule", "event_bus_name")
		s.propPairs("arn", "Arn", "role_arn", "RoleArn", "input", "Input", "input_path", "InputPath")
		s.props["Id"] = s.res.Name
		s.prop("target_id", "Id")
		s.nestedProp("dead_letter_config", "DeadLetterConfig", func(n *conv) { n.prop("arn", "Arn") })
		s.nestedProp("retry_policy", "RetryPolicy", func(n *conv) {
			n.propPairs("maximum_event_age_in_seconds", "MaximumEventAgeInSeconds", "maximum_retry_attempts", "MaximumRetryAttempts")
		})
		targets = append(targets, s.props)
	})
	if len(targets) > 0 {
		c.props["Targets"] = targets
	}
	c.tags()
}

func logMetricFilter(c *conv) {
	c.propPairs("name", "FilterName", "pattern", "FilterPattern", "log_group_name", "LogGroupName")
	c.nestedList("metric_transformation", "MetricTransformations", func(n *conv) {
		n.propPairs("name", "MetricName", "namespace", "MetricNamespace", "value", "MetricValue",
			"default_value", "DefaultValue", "unit", "Unit")
		n.propWith("dimensions", "Dimensions", func(n *conv, v spec.Value) any {
			var dims []any
			for _, e := range v.Map {
				dims = append(dims, map[string]any{"Key": e.Key, "Value": n.value(e.Value)})
			}
			return dims
		})
	})
}

// scheduledAction converts aws_autoscaling_schedule; CloudFormation names
// scheduled actions itself.
func scheduledAction(c *conv) {
	c.propPairs("autoscaling_group_name", "AutoScalingGroupName", "recurrence", "Recurrence",
		"start_time", "StartTime", "end_time", "EndTime", "time_zone", "TimeZone")
	c.propWith("desired_capacity", "DesiredCapacity", plain)
	c.propWith("min_size", "MinSize", plain)
	c.propWith("max_size", "MaxSize", plain)
	c.drop("scheduled_action_name")
}
