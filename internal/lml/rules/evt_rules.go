package rules

import (
	"github.com/syncloud/syncloud/internal/spec"
)

// eventRuleRec is an EventBridge rule: a schedule, or a pattern on a bus.
type eventRuleRec struct {
	addr     spec.Address
	bus      *spec.Address
	schedule bool
}

// declareEvents places custom event buses and rules: schedules ("every day
// at 2am") for functions and tasks, and patterns ("rule matching source
// com.acme.orders").
func (a *appState) declareEvents(c *Ctx) {
	t := c.T
	var bus *spec.Address
	if k := t.Phrase(0, "event|events|eventbridge bus"); k >= 0 || t.Has("eventbus") {
		bus = a.eventBus(c, max(k+1, t.Find(0, "eventbus")))
	}
	pattern, hasPattern := eventPattern(c)
	if hasPattern {
		a.addRule(c, "events", bus, func(r *spec.Body) { r.Set("event_pattern", spec.JSON(pattern)) }, false)
	}
	s, ok := t.Schedule()
	if !ok || (len(a.fns) == 0 && (a.ecs == nil || a.ecs.task == nil) && !t.Has("eventbridge", "rule", "cloudwatch")) {
		return
	}
	c.Claim(s.At, s.At+2)
	c.claimWords("eventbridge", "rule", "schedule", "scheduled", "cron", "events")
	if s.Note != "" {
		c.Assume("aws_cloudwatch_event_rule.schedule.schedule_expression", "%s", s.Note)
	}
	a.addRule(c, "schedule", nil, func(r *spec.Body) { r.Set("schedule_expression", spec.String(s.Expr)) }, true)
	c.Understand("EventBridge schedule %s", s.Expr)
}

func (a *appState) eventBus(c *Ctx, k int) *spec.Address {
	name := "events"
	if n, at, ok := c.T.NameNear(k, false); ok && !c.Claimed(at) {
		name = n
		c.Claim(at, at+1)
	}
	c.Claim(k-1, k+1)
	r := spec.Resource{Type: "aws_cloudwatch_event_bus", Name: name}
	r.Body.Set("name", spec.String(ResourceName(name, 256)))
	addr := c.Add(r)
	c.Understand("EventBridge custom event bus %s", name)
	return &addr
}

func (a *appState) addRule(c *Ctx, name string, bus *spec.Address, set func(*spec.Body), schedule bool) {
	r := spec.Resource{Type: "aws_cloudwatch_event_rule", Name: name}
	r.Body.Set("name_prefix", spec.String(name+"-"))
	if bus != nil && !schedule {
		r.Body.Set("event_bus_name", spec.RefTo(*bus, "name"))
	}
	set(&r.Body)
	addr := c.Add(r)
	a.eventRules = append(a.eventRules, eventRuleRec{addr: addr, bus: bus, schedule: schedule})
}

// eventPattern builds a pattern from "source com.acme.orders",
// "detail-type 'Order Placed'".
func eventPattern(c *Ctx) (spec.Value, bool) {
	t := c.T
	m := map[string]spec.Value{}
	for k := 0; k < t.Len(); k++ {
		switch {
		case t.Is(k, "source", "sources") && k+1 < t.Len() && !t.Is(k+1, fillerWords...):
			m["source"] = spec.Strings(t.Raw(k + 1))
			c.Claim(k, k+2)
		case t.Is(k, "detail-type", "detailtype") || t.Is(k, "detail") && t.Is(k+1, "type"):
			at := k + 1
			if t.Is(k, "detail") {
				at++
			}
			if n, nk, ok := t.NameNear(at-1, true); ok {
				m["detail-type"] = spec.Strings(n)
				c.Claim(k, nk+1)
			}
		}
	}
	if len(m) == 0 {
		return spec.Value{}, false
	}
	c.claimWords("eventbridge", "rule", "matching", "events", "pattern")
	return spec.Map(m), true
}

// linkEvents points rules at their targets: functions, queues, tasks.
func (a *appState) linkEvents(c *Ctx) {
	for _, r := range a.eventRules {
		src := spec.RefTo(r.addr, "arn")
		if r.schedule && a.ecs != nil && a.ecs.task != nil && a.ecs.service == nil {
			a.taskTarget(c, r)
			continue
		}
		for _, fn := range a.fns {
			a.ruleTarget(c, r, fn.addr.Name, spec.RefTo(fn.addr, "arn"))
			c.allowInvoke(fn.addr, "events", "events.amazonaws.com", &src)
			c.Understand("rule %s invokes function %s", r.addr.Name, fn.addr.Name)
		}
		if r.schedule {
			continue
		}
		for _, q := range a.queues {
			a.ruleTarget(c, r, q.addr.Name, spec.RefTo(q.addr, "arn"))
			a.allowQueueSend(q.addr, "AllowEventBridge", "events.amazonaws.com", src)
			c.Understand("rule %s delivers to queue %s", r.addr.Name, q.addr.Name)
		}
	}
}

func (a *appState) ruleTarget(c *Ctx, r eventRuleRec, name string, arn spec.Value) spec.Address {
	tg := spec.Resource{Type: "aws_cloudwatch_event_target", Name: r.addr.Name + "_" + name}
	tg.Body.Set("rule", spec.RefTo(r.addr, "name"))
	if r.bus != nil {
		tg.Body.Set("event_bus_name", spec.RefTo(*r.bus, "name"))
	}
	tg.Body.Set("arn", arn)
	return c.Add(tg)
}

// taskTarget runs the Fargate task on the rule's schedule, with a role
// that lets EventBridge start it.
func (a *appState) taskTarget(c *Ctx, r eventRuleRec) {
	role := c.ServiceRole("events_run_task", "events.amazonaws.com", ManagedPolicyARN("service-AmazonEC2ContainerServiceEventsRole"))
	tg := spec.Resource{Type: "aws_cloudwatch_event_target", Name: r.addr.Name + "_task"}
	tg.Body.Set("rule", spec.RefTo(r.addr, "name"))
	tg.Body.Set("arn", spec.RefTo(a.ecs.cluster, "arn"))
	tg.Body.Set("role_arn", spec.RefTo(role, "arn"))
	et := tg.Body.AddBlock("ecs_target")
	et.Set("task_definition_arn", spec.RefTo(*a.ecs.task, "arn"))
	et.Set("launch_type", spec.String("FARGATE"))
	et.Set("task_count", spec.Int(1))
	private := c.Net != nil && len(c.Net.Private) > 0
	nc := et.AddBlock("network_configuration")
	nc.Set("subnets", appSubnets(c, private))
	nc.Set("assign_public_ip", spec.Bool(!private))
	c.Add(tg)
	c.Understand("rule %s runs task %s on Fargate", r.addr.Name, a.ecs.task.Name)
}
