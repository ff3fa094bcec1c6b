package cloudformation

import (
	"strings"
	"unicode"

	"github.com/syncloud/syncloud/internal/spec"
)

// taskDefinition converts aws_ecs_task_definition. Its container
// definitions are ECS's JSON (camelCase keys); CloudFormation takes the same
// structure with each key's first letter in upper case, except inside the
// maps whose keys are the user's own (log driver options, Docker labels).
func taskDefinition(c *conv) {
	c.propPairs("family", "Family", "requires_compatibilities", "RequiresCompatibilities",
		"network_mode", "NetworkMode", "execution_role_arn", "ExecutionRoleArn", "task_role_arn", "TaskRoleArn",
		"pid_mode", "PidMode", "ipc_mode", "IpcMode")
	c.propWith("cpu", "Cpu", str)
	c.propWith("memory", "Memory", str)
	c.nestedProp("runtime_platform", "RuntimePlatform", func(n *conv) {
		n.propPairs("operating_system_family", "OperatingSystemFamily", "cpu_architecture", "CpuArchitecture")
	})
	c.nestedProp("ephemeral_storage", "EphemeralStorage", func(n *conv) { n.prop("size_in_gib", "SizeInGiB") })
	if v, ok := c.get("container_definitions"); ok {
		c.props["ContainerDefinitions"] = pascalKeys(jsonDoc(c, v), false)
	}
	c.drop("skip_destroy", "track_latest")
	c.tags()
}

// userKeyed are the container definition fields whose map keys are data.
func userKeyed(key string) bool {
	return key == "Options" || key == "DockerLabels" || key == "SecretOptions"
}

// pascalKeys rewrites object keys from ECS's camelCase to CloudFormation's
// PascalCase, leaving intrinsic functions and user-keyed maps alone.
func pascalKeys(doc any, keep bool) any {
	switch x := doc.(type) {
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, v := range x {
			if keep || k == "Ref" || strings.HasPrefix(k, "Fn::") {
				out[k] = v
				continue
			}
			pk := upperFirst(k)
			out[pk] = pascalKeys(v, userKeyed(pk))
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, v := range x {
			out[i] = pascalKeys(v, false)
		}
		return out
	}
	return doc
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}

// ecsService converts aws_ecs_service; awsvpc networking's assign_public_ip
// becomes ENABLED or DISABLED.
func ecsService(c *conv) {
	c.propPairs("name", "ServiceName", "cluster", "Cluster", "task_definition", "TaskDefinition",
		"desired_count", "DesiredCount", "launch_type", "LaunchType", "platform_version", "PlatformVersion",
		"health_check_grace_period_seconds", "HealthCheckGracePeriodSeconds", "enable_execute_command", "EnableExecuteCommand",
		"propagate_tags", "PropagateTags", "enable_ecs_managed_tags", "EnableECSManagedTags", "scheduling_strategy", "SchedulingStrategy")
	c.drop("wait_for_steady_state", "force_new_deployment", "triggers")
	for _, b := range c.blocks("network_configuration") {
		c.props["NetworkConfiguration"] = map[string]any{"AwsvpcConfiguration": c.nested("network_configuration", b, func(n *conv) {
			n.propPairs("subnets", "Subnets", "security_groups", "SecurityGroups")
			if v, ok := n.get("assign_public_ip"); ok {
				n.props["AssignPublicIp"] = "DISABLED"
				if v.Kind == spec.KindBool && v.Bool {
					n.props["AssignPublicIp"] = "ENABLED"
				}
			}
		})}
	}
	c.nestedList("load_balancer", "LoadBalancers", func(n *conv) {
		n.propPairs("target_group_arn", "TargetGroupArn", "container_name", "ContainerName", "container_port", "ContainerPort")
	})
	c.nestedList("capacity_provider_strategy", "CapacityProviderStrategy", capacityProviderItem)
	deploy := map[string]any{}
	for arg, name := range map[string]string{"deployment_minimum_healthy_percent": "MinimumHealthyPercent",
		"deployment_maximum_percent": "MaximumPercent"} {
		if v, ok := c.get(arg); ok {
			deploy[name] = c.value(v)
		}
	}
	if len(deploy) > 0 {
		c.props["DeploymentConfiguration"] = deploy
	}
	c.tags()
}

func scalableTarget(c *conv) {
	c.propPairs("service_namespace", "ServiceNamespace", "resource_id", "ResourceId",
		"scalable_dimension", "ScalableDimension", "min_capacity", "MinCapacity", "max_capacity", "MaxCapacity",
		"role_arn", "RoleARN")
	c.drop("tags", "tags_all") // AWS::ApplicationAutoScaling::ScalableTarget takes no tags
}

func appScalingPolicy(c *conv) {
	c.propPairs("name", "PolicyName", "policy_type", "PolicyType", "resource_id", "ResourceId",
		"scalable_dimension", "ScalableDimension", "service_namespace", "ServiceNamespace")
	c.nestedProp("target_tracking_scaling_policy_configuration", "TargetTrackingScalingPolicyConfiguration", func(n *conv) {
		n.propPairs("target_value", "TargetValue", "scale_in_cooldown", "ScaleInCooldown",
			"scale_out_cooldown", "ScaleOutCooldown", "disable_scale_in", "DisableScaleIn")
		n.nestedProp("predefined_metric_specification", "PredefinedMetricSpecification", func(m *conv) {
			m.propPairs("predefined_metric_type", "PredefinedMetricType", "resource_label", "ResourceLabel")
		})
	})
}

// capacityProviderItem converts one capacity_provider_strategy block.
func capacityProviderItem(n *conv) {
	n.propPairs("capacity_provider", "CapacityProvider", "weight", "Weight", "base", "Base")
}

// clusterCapacityProviders converts aws_ecs_cluster_capacity_providers.
func clusterCapacityProviders(c *conv) {
	c.propPairs("cluster_name", "Cluster", "capacity_providers", "CapacityProviders")
	c.nestedList("default_capacity_provider_strategy", "DefaultCapacityProviderStrategy", capacityProviderItem)
	if _, ok := c.props["DefaultCapacityProviderStrategy"]; !ok {
		c.props["DefaultCapacityProviderStrategy"] = []any{} // required by CloudFormation
	}
}
