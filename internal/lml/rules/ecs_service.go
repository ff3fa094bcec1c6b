package rules

import (
	"strconv"
	"strings"

	"github.com/syncloud/syncloud/internal/spec"
)

// ecsRec is the ECS cluster, task and service a prompt asked for.
type ecsRec struct {
	cluster   spec.Address
	task      *spec.Address
	service   *spec.Address
	sg        *spec.Address
	execRole  spec.Address
	container containerSpec
	desired   int
}

// ecsWanted reports whether the prompt is about ECS containers.
func (a *appState) ecsWanted(c *Ctx) bool {
	t := c.T
	if t.Has("eks", "kubernetes", "k8s") {
		return false
	}
	for _, i := range t.FindAll("ecs", "fargate") {
		if !trustedServiceAt(t, i) {
			return true
		}
	}
	return t.Has("containerized", "containerised") ||
		(t.Has("container", "containers", "docker") && t.Has("service", "task", "tasks", "cluster") && !t.HasPhrase("container registry"))
}

// wantsTask reports whether the prompt asks to run something, not only for
// a cluster.
func wantsTask(c *Ctx) bool {
	if _, _, img := c.T.ContainerImage(); img {
		return true
	}
	for i := 0; i < c.T.Len(); i++ {
		if !c.Claimed(i) && c.T.Is(i, "task", "tasks", "service", "services", "run", "runs", "running", "app", "api", "job", "worker") {
			return true
		}
	}
	return false
}

// declareECS places the cluster, the Fargate task definition with its
// execution role and logs, and the service.
func (a *appState) declareECS(c *Ctx) {
	if !a.ecsWanted(c) {
		return
	}
	t := c.T
	c.claimWords("ecs", "fargate", "containerized", "containerised")
	a.ecs = &ecsRec{}
	a.ecs.cluster = a.ecsCluster(c)
	if !wantsTask(c) {
		return
	}
	a.ecs.container = a.readContainer(c)
	a.ecsTask(c)
	if t.Has("service", "services") || t.Has("alb", "autoscale", "autoscales", "autoscaling", "scale", "scales") ||
		t.HasPhrase("load balancer") || a.taskCount(c) > 0 || (!t.Has("cron", "schedule", "scheduled", "nightly", "daily", "hourly", "every") && !t.Has("task", "job")) {
		a.ecsService(c)
	}
}

func (a *appState) ecsCluster(c *Ctx) spec.Address {
	t := c.T
	name := "cluster"
	if k := t.Find(0, "cluster"); k >= 0 {
		c.Claim(k, k+1)
		if n, at, ok := t.NameNear(k, false); ok && !c.Claimed(at) {
			name = n
			c.Claim(at, at+1)
		}
	}
	r := spec.Resource{Type: "aws_ecs_cluster", Name: name}
	r.Body.Set("name", spec.String(ResourceName(name, 255)))
	if k := t.Phrase(0, "container insights"); k >= 0 {
		s := r.Body.AddBlock("setting")
		s.Set("name", spec.String("containerInsights"))
		s.Set("value", spec.String("enabled"))
		c.Claim(k, k+2)
	}
	addr := c.Add(r)
	c.Understand("ECS cluster %s", name)
	return addr
}

// readContainer reads the image, the container's name and port, and the
// task size.
func (a *appState) readContainer(c *Ctx) containerSpec {
	t := c.T
	var cs containerSpec
	img, at, ok := t.ContainerImage()
	switch {
	case ok:
		cs.image = img
		c.Claim(at, at+1)
	case len(a.repos) > 0:
		cs.repo = &a.repos[0]
		cs.image = a.repos[0].Name
		c.Assume("aws_ecs_task_definition.container_definitions", "the container runs the latest image pushed to ECR repository %s", a.repos[0].Name)
	default:
		cs.image = "public.ecr.aws/nginx/nginx:latest"
		c.Assume("aws_ecs_task_definition.container_definitions", "no image named: using %s as a placeholder", cs.image)
	}
	cs.name = LocalName(imageBaseName(cs.image))
	if k := t.Find(0, "container"); k >= 0 {
		if n, at, ok := t.NameNear(k, false); ok && !c.Claimed(at) {
			cs.name = ResourceName(n, 255)
			c.Claim(at, at+1)
		}
	}
	cs.port = containerPort(c)
	cpu, cat := t.FargateCPU()
	mem := 0
	if s, sat, ok := t.SizeNear(max(cat, 0), 8); ok && (cat >= 0 || t.Near(sat, 3, "memory", "ram") >= 0) {
		mem = s.MB()
		c.Claim(sat, sat+1)
	}
	if cat >= 0 {
		c.Claim(cat, cat+2)
	}
	cs.cpu, cs.memory = FargateSize(cpu, mem)
	if cpu == 0 && mem == 0 {
		c.Assume("aws_ecs_task_definition.cpu", "no task size named: using the smallest Fargate size, 0.25 vCPU and 512 MiB")
	}
	return cs
}

// containerPort picks the port the container listens on: one written
// after "port" or "listening" that is not the load balancer's.
func containerPort(c *Ctx) int {
	t := c.T
	lbPort := 0
	for _, p := range t.Ports() {
		strong := t.Is(p.At-1, "port", "ports") || t.Is(p.At-2, "listening", "listens", "container") || strings.Contains(t.Norm(p.At), "/")
		if !strong && p.Value < 80 {
			continue
		}
		if t.Near(p.At, 3, "alb", "lb", "balancer", "listener", "https", "elb") >= 0 && !t.Is(p.At-2, "listening", "listens") {
			lbPort = p.Value
			continue
		}
		return p.Value
	}
	if lbPort != 0 && lbPort != 443 {
		return lbPort
	}
	if lbPort == 443 || t.Has("alb", "web", "http", "https") || t.HasPhrase("load balancer") {
		return 80
	}
	return 0
}

// taskCount reads "2 tasks", "running 3 tasks", "desired count 2".
func (a *appState) taskCount(c *Ctx) int {
	t := c.T
	for _, k := range t.FindAll("task", "tasks", "replica", "replicas", "copies", "instances", "containers") {
		if t.Is(k-1, "between") || t.Is(k-2, "between") || t.Is(k-2, "and", "to") && t.Is(k-4, "between") {
			continue
		}
		if n, at, ok := t.NumberBefore(k, 2); ok && n > 0 && n <= 1000 && !t.Is(at-1, "and", "to", "-") {
			return n
		}
	}
	if k := t.Phrase(0, "desired count"); k >= 0 {
		if n, _, ok := t.NumberNear(k+1, 2); ok {
			return n
		}
	}
	return 0
}

func itoaECS(n int) string { return strconv.Itoa(n) }
