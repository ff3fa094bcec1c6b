package rules

import (
	"github.com/syncloud/syncloud/internal/spec"
)

// ecsTask adds the Fargate task definition, its execution role and, when
// the prompt mentions logs, a log group the container ships to.
func (a *appState) ecsTask(c *Ctx) {
	cs := a.ecs.container
	name := cs.name
	a.ecs.execRole = c.ServiceRole(LocalName(name)+"_exec", "ecs-tasks.amazonaws.com",
		ManagedPolicyARN("service-AmazonECSTaskExecutionRolePolicy"))
	def := map[string]spec.Value{
		"name":      spec.String(name),
		"image":     spec.String(cs.image),
		"essential": spec.Bool(true),
	}
	if cs.repo != nil {
		def["image"] = spec.RefTo(*cs.repo, "repository_url")
	}
	if cs.port > 0 {
		def["portMappings"] = spec.List(spec.Map(map[string]spec.Value{
			"containerPort": spec.Int(cs.port), "hostPort": spec.Int(cs.port), "protocol": spec.String("tcp"),
		}))
	}
	if k := c.T.Find(0, "log", "logs", "logging"); k >= 0 {
		g := spec.Resource{Type: "aws_cloudwatch_log_group", Name: LocalName(name)}
		g.Body.Set("name", spec.String("/ecs/"+name))
		g.Body.Set("retention_in_days", spec.Int(logRetention(c, k, "aws_cloudwatch_log_group."+LocalName(name))))
		ga := c.Add(g)
		a.logGroups = append(a.logGroups, logGroupRec{addr: ga, at: k, owned: true})
		c.Claim(k, k+1)
		c.claimWords("cloudwatch", "group")
		def["logConfiguration"] = spec.Map(map[string]spec.Value{
			"logDriver": spec.String("awslogs"),
			"options": spec.Map(map[string]spec.Value{
				"awslogs-group":         spec.RefTo(ga, "name"),
				"awslogs-region":        spec.String(c.Region()),
				"awslogs-stream-prefix": spec.String(name),
			}),
		})
	}
	r := spec.Resource{Type: "aws_ecs_task_definition", Name: name}
	r.Body.Set("family", spec.String(ResourceName(name, 255)))
	r.Body.Set("requires_compatibilities", spec.Strings("FARGATE"))
	r.Body.Set("network_mode", spec.String("awsvpc"))
	r.Body.Set("cpu", spec.String(itoaECS(cs.cpu)))
	r.Body.Set("memory", spec.String(itoaECS(cs.memory)))
	r.Body.Set("execution_role_arn", spec.RefTo(a.ecs.execRole, "arn"))
	r.Body.Set("container_definitions", spec.JSON(spec.List(spec.Map(def))))
	addr := c.Add(r)
	a.ecs.task = &addr
	c.Understand("Fargate task %s: %s, %d CPU units, %d MiB", name, cs.image, cs.cpu, cs.memory)
}

// ecsService adds the service that keeps the task running, with a
// security group of its own, in the private subnets when asked.
func (a *appState) ecsService(c *Ctx) {
	cs := a.ecs.container
	desired := a.taskCount(c)
	if lo, _, ok := c.T.ScaleRange(); ok && desired == 0 {
		desired = lo
	}
	if desired == 0 {
		desired = 1
		c.Assume("aws_ecs_service."+LocalName(cs.name)+".desired_count", "no task count named: running 1 task")
	}
	a.ecs.desired = desired
	sgAddr := appSecurityGroup(c, LocalName(cs.name)+"_service", ResourceName(cs.name, 200)+"-service-",
		"ECS service "+ResourceName(cs.name, 64), nil)
	a.ecs.sg = &sgAddr
	s := spec.Resource{Type: "aws_ecs_service", Name: cs.name}
	s.Body.Set("name", spec.String(ResourceName(cs.name, 255)))
	s.Body.Set("cluster", spec.RefTo(a.ecs.cluster, "id"))
	s.Body.Set("task_definition", spec.RefTo(*a.ecs.task, "arn"))
	s.Body.Set("desired_count", spec.Int(desired))
	if fargateSpot(c.T) {
		cp := s.Body.AddBlock("capacity_provider_strategy")
		cp.Set("capacity_provider", spec.String("FARGATE_SPOT"))
		cp.Set("weight", spec.Int(1))
		s.DependsOn = append(s.DependsOn, a.spotCapacity(c))
	} else {
		s.Body.Set("launch_type", spec.String("FARGATE"))
	}
	nc := s.Body.AddBlock("network_configuration")
	private := c.Net != nil && len(c.Net.Private) > 0
	nc.Set("subnets", appSubnets(c, private))
	nc.Set("security_groups", spec.List(spec.RefTo(sgAddr, "id")))
	nc.Set("assign_public_ip", spec.Bool(!private))
	addr := c.Add(s)
	a.ecs.service = &addr
	c.Understand("ECS service %s running %d task(s)", cs.name, desired)
}

// fargateSpot reports whether tasks should run on Fargate Spot ("ECS on
// Fargate Spot", "spot capacity for the tasks").
func fargateSpot(t *Text) bool {
	return t.HasPhrase("fargate spot", "fargate_spot", "fargate-spot") || t.Has("spot") && !t.HasPhrase("spot instance|instances")
}

// spotCapacity lets the cluster run tasks on Fargate and Fargate Spot.
func (a *appState) spotCapacity(c *Ctx) spec.Address {
	r := spec.Resource{Type: "aws_ecs_cluster_capacity_providers", Name: a.ecs.cluster.Name}
	r.Body.Set("cluster_name", spec.RefTo(a.ecs.cluster, "name"))
	r.Body.Set("capacity_providers", spec.Strings("FARGATE", "FARGATE_SPOT"))
	c.Understand("tasks run on Fargate Spot (they may be stopped with two minutes' notice)")
	return c.Add(r)
}

// appVPCID is the VPC's id: the requested VPC, or the default VPC.
func appVPCID(c *Ctx) spec.Value {
	if c.Net != nil {
		return spec.RefTo(c.Net.VPC, "id")
	}
	return spec.RefTo(appDefaultVPC(c), "id")
}

// appSubnets returns subnet ids: the requested VPC's private (or public)
// subnets, or the default VPC's subnets.
func appSubnets(c *Ctx, private bool) spec.Value {
	if c.Net != nil {
		if private && len(c.Net.Private) > 0 || len(c.Net.Public) == 0 {
			return SubnetRefs(c.Net.Private)
		}
		return SubnetRefs(c.Net.Public)
	}
	a := spec.Address{Mode: spec.Data, Type: "aws_subnets", Name: "default"}
	if c.Stack.Find(a) != nil {
		return spec.RefTo(a, "ids")
	}
	r := spec.Resource{Mode: spec.Data, Type: "aws_subnets", Name: "default"}
	f := r.Body.AddBlock("filter")
	f.Set("name", spec.String("vpc-id"))
	f.Set("values", spec.List(spec.RefTo(appDefaultVPC(c), "id")))
	f = r.Body.AddBlock("filter")
	f.Set("name", spec.String("default-for-az"))
	f.Set("values", spec.Strings("true"))
	return spec.RefTo(c.Add(r), "ids")
}

// appDefaultVPC returns the data source reading the account's default VPC,
// adding it once.
func appDefaultVPC(c *Ctx) spec.Address {
	a := spec.Address{Mode: spec.Data, Type: "aws_vpc", Name: "default"}
	if c.Stack.Find(a) != nil {
		return a
	}
	r := spec.Resource{Mode: spec.Data, Type: "aws_vpc", Name: "default"}
	r.Body.Set("default", spec.Bool(true))
	c.Assume("data.aws_vpc.default", "no VPC asked for: using the account's default VPC")
	return c.Add(r)
}
