package rules

import (
	"github.com/syncloud/syncloud/internal/spec"
)

// linkECS puts the service behind a load balancer and adds autoscaling.
func (a *appState) linkECS(c *Ctx) {
	if a.ecs == nil || a.ecs.service == nil {
		return
	}
	t := c.T
	if t.Has("alb", "elb") || t.HasPhrase("load balancer", "load-balancer", "load balanced", "loadbalancer") {
		a.ecsLoadBalancer(c)
	}
	_, _, ranged := t.ScaleRange()
	_, capped := scaleCeiling(t)
	if t.Has("autoscale", "autoscales", "autoscaling", "auto-scaling", "auto-scales") || t.HasPhrase("auto scale|scales|scaling") ||
		(ranged || capped) && t.Has("scale", "scales", "scaling") {
		a.ecsAutoscaling(c)
	}
}

// ecsLoadBalancer forwards an ALB to the service's containers: the load
// balancer another family declared, or a new internet-facing one.
func (a *appState) ecsLoadBalancer(c *Ctx) {
	cs := a.ecs.container
	if cs.port == 0 {
		cs.port = 80
		a.ecs.container.port = 80
	}
	svc := c.Res(*a.ecs.service)
	var tg spec.Address
	if existing := c.First("aws_lb_target_group"); existing != nil && c.First("aws_lb") != nil {
		existing.Body.Set("target_type", spec.String("ip"))
		existing.Body.Set("port", spec.Int(cs.port))
		tg = existing.Addr()
	} else {
		tg = a.newALB(c, cs.port)
	}
	lb := svc.Body.AddBlock("load_balancer")
	lb.Set("target_group_arn", spec.RefTo(tg, "arn"))
	lb.Set("container_name", spec.String(cs.name))
	lb.Set("container_port", spec.Int(cs.port))
	for _, l := range c.Stack.OfType("aws_lb_listener") {
		svc = c.Res(*a.ecs.service)
		svc.DependsOn = append(svc.DependsOn, l.Addr())
	}
	c.Understand("ECS service %s behind the load balancer on container port %d", cs.name, cs.port)
}

// newALB adds an internet-facing ALB in the public subnets with a target
// group of task IPs and its listeners, and lets it reach the service.
func (a *appState) newALB(c *Ctx, port int) spec.Address {
	t := c.T
	https := t.Has("https", "tls", "ssl", "acm", "certificate", "cert") || hasPort(t, 443)
	sg := appSecurityGroup(c, "alb", "alb-", "load balancer", func(b *spec.Body) {
		tcpIngress(b, "HTTP from anywhere", 80, []string{"0.0.0.0/0"}, nil)
		if https {
			tcpIngress(b, "HTTPS from anywhere", 443, []string{"0.0.0.0/0"}, nil)
		}
	})
	tcpIngress(&c.Res(*a.ecs.sg).Body, "from the load balancer", port, nil, &sg)
	lb := spec.Resource{Type: "aws_lb", Name: "alb"}
	lb.Body.Set("name_prefix", spec.String("alb-"))
	lb.Body.Set("internal", spec.Bool(false))
	lb.Body.Set("load_balancer_type", spec.String("application"))
	lb.Body.Set("security_groups", spec.List(spec.RefTo(sg, "id")))
	lb.Body.Set("subnets", appSubnets(c, false))
	lbAddr := c.Add(lb)
	tg := ipTargetGroup(c, port)
	a.albListeners(c, lbAddr, tg, https)
	c.claimWords("alb", "elb", "balancer")
	c.Understand("internet-facing ALB forwarding to task IPs on port %d", port)
	return tg
}

// ipTargetGroup adds a target group of task IPs on a port.
func ipTargetGroup(c *Ctx, port int) spec.Address {
	tg := spec.Resource{Type: "aws_lb_target_group", Name: "app"}
	tg.Body.Set("name_prefix", spec.String("app-"))
	tg.Body.Set("port", spec.Int(port))
	tg.Body.Set("protocol", spec.String("HTTP"))
	tg.Body.Set("target_type", spec.String("ip"))
	tg.Body.Set("vpc_id", appVPCID(c))
	hc := tg.Body.AddBlock("health_check")
	hc.Set("path", spec.String("/"))
	hc.Set("matcher", spec.String("200-399"))
	return c.Add(tg)
}

func hasPort(t *Text, port int) bool {
	for _, p := range t.Ports() {
		if p.Value == port {
			return true
		}
	}
	return false
}
