package rules

import (
	"regexp"
	"strings"

	"github.com/syncloud/syncloud/internal/spec"
)

// alarmAsk is one alarm the prompt asks for.
type alarmAsk struct {
	at         int
	name       string
	namespace  string
	metric     string
	statistic  string
	dims       map[string]spec.Value
	threshold  float64
	comparison string
	period     int
	evals      int
}

var instanceIDRe = regexp.MustCompile(`^i-[0-9a-f]{8,17}$`)

// declareAlarms places nothing: alarms are made in link, when every
// resource they watch exists.
func (a *appState) declareAlarms(c *Ctx) {
	for _, k := range c.T.FindAll(alarmWords...) {
		c.Claim(k, k+1)
	}
	if k, explicit := alarmAt(c.T); k >= 0 && !explicit {
		c.Claim(k, k+1)
	}
}

// linkAlarms adds a CloudWatch alarm per metric the prompt watches: CPU,
// status checks, queue depth, function errors, 5xx responses.
func (a *appState) linkAlarms(c *Ctx) {
	t := c.T
	first, explicit := alarmAt(t)
	if first < 0 {
		return
	}
	seen := map[string]bool{}
	for k := 0; k < t.Len(); k++ {
		ask, ok := a.alarmMetricAt(c, k)
		if !ok || seen[ask.metric] {
			continue
		}
		seen[ask.metric] = true
		a.alarmCondition(c, &ask)
		a.addAlarm(c, ask)
	}
	if len(seen) == 0 && explicit {
		c.Unplaced("alarm (no metric named that SynCloud can watch)")
	}
}

// alarmMetricAt reads the metric named at token k, with what it watches.
func (a *appState) alarmMetricAt(c *Ctx, k int) (alarmAsk, bool) {
	t := c.T
	ask := alarmAsk{at: k, dims: map[string]spec.Value{}, statistic: "Average", comparison: "GreaterThanThreshold"}
	switch {
	case t.Is(k, "cpu", "cpuutilization"):
		ask.metric, ask.name = "CPUUtilization", "cpu-high"
		return ask, a.computeDims(c, &ask)
	case t.Is(k, "status") && t.Is(k+1, "check", "checks") || t.Is(k, "status-check", "statuscheckfailed"):
		ask.metric, ask.name, ask.statistic = "StatusCheckFailed", "status-check-failed", "Maximum"
		ask.threshold = 0
		return ask, a.computeDims(c, &ask)
	case t.Is(k, "memory", "ram") && (c.First("aws_instance") != nil || hasInstanceID(t)):
		ask.metric, ask.name = "mem_used_percent", "memory-high"
		ok := a.computeDims(c, &ask)
		ask.namespace = "CWAgent"
		c.Assume("aws_cloudwatch_metric_alarm.memory_high", "memory is reported by the CloudWatch agent (namespace CWAgent), which must run on the instance")
		return ask, ok
	case t.Is(k, "storage", "disk") && c.First("aws_db_instance") != nil:
		db := c.First("aws_db_instance").Addr()
		ask.namespace, ask.metric, ask.name, ask.statistic = "AWS/RDS", "FreeStorageSpace", "db-free-storage-low", "Minimum"
		ask.comparison = "LessThanThreshold"
		ask.dims["DBInstanceIdentifier"] = spec.RefTo(db, "identifier")
		return ask, true
	case (t.Is(k, "empty") || t.Is(k, dlqWords...)) && len(a.queues) > 0 && a.queues[0].dlq != nil && t.Near(k, 6, alarmWords...) >= 0:
		q := *a.queues[0].dlq
		ask.namespace, ask.metric, ask.name, ask.statistic = "AWS/SQS", "ApproximateNumberOfMessagesVisible", q.Name+"-messages-visible", "Maximum"
		ask.dims["QueueName"] = spec.RefTo(q, "name")
		return ask, true
	case t.Is(k, "messages", "message", "backlog", "depth") && len(a.queues) > 0:
		q := a.queues[0].addr
		if dlq := a.queues[0].dlq; dlq != nil && t.Near(k, 8, dlqWords...) >= 0 {
			q = *dlq
		}
		ask.namespace, ask.metric, ask.name, ask.statistic = "AWS/SQS", "ApproximateNumberOfMessagesVisible", q.Name+"-messages-visible", "Maximum"
		ask.dims["QueueName"] = spec.RefTo(q, "name")
		return ask, true
	case t.Is(k, "errors", "error", "failures") && len(a.fns) > 0 && !t.Is(k-1, "5xx", "4xx"):
		ask.namespace, ask.metric, ask.name, ask.statistic = "AWS/Lambda", "Errors", a.fns[0].addr.Name+"-errors", "Sum"
		ask.dims["FunctionName"] = spec.RefTo(a.fns[0].addr, "function_name")
		return ask, true
	case t.Is(k, "5xx", "5xxs", "500s") && c.First("aws_lb") != nil:
		ask.namespace, ask.metric, ask.name, ask.statistic = "AWS/ApplicationELB", "HTTPCode_ELB_5XX_Count", "alb-5xx", "Sum"
		ask.dims["LoadBalancer"] = spec.RefTo(c.First("aws_lb").Addr(), "arn_suffix")
		return ask, true
	}
	return ask, false
}

func hasInstanceID(t *Text) bool {
	for _, tok := range t.Toks {
		if instanceIDRe.MatchString(tok.Norm) {
			return true
		}
	}
	return false
}

// watchedDatabase returns the identifier of an existing RDS instance an
// alarm watches ("alarm: RDS instance mydb CPU over 85%"): a database
// named in an alarm request that describes nothing to build (no class,
// size or "new").
func watchedDatabase(t *Text) (string, int, bool) {
	if t.Find(0, alarmWords...) < 0 || t.Has("new", "create") || len(t.ClassesWithPrefix("db.")) > 0 || len(t.Sizes()) > 0 {
		return "", -1, false
	}
	for i := 0; i < t.Len(); i++ {
		if !t.Is(i, "rds", "database", "db", "postgres", "mysql", "mariadb") {
			continue
		}
		if t.Is(i-1, "a", "an") || t.Is(i-2, "a", "an") {
			continue // "a postgres database with an alarm": a new one
		}
		if k := i - 1; t.Is(k-1, "the", "our", "my") && isIdentifier(t, k) {
			return t.Raw(k), k, true // "the prod-orders database"
		}
		k := i + 1
		if t.Is(k, "instance") {
			k++
		}
		if k < t.Len() && !t.Toks[k-1].Break && isIdentifier(t, k) {
			return t.Raw(k), k, true // "RDS instance mydb"
		}
	}
	return "", -1, false
}

// isIdentifier reports a word that can be a resource's identifier, not a
// filler, a number or a metric.
func isIdentifier(t *Text, k int) bool {
	if t.Is(k, dataFillers...) || t.Is(k, "cpu", "cpuutilization", "storage", "disk", "memory", "connections",
		"database", "db", "instance", "rds", "cluster", "postgres", "mysql", "mariadb", "alarm", "alarms") || t.isNumberish(k) {
		return false
	}
	return isLabelChars(strings.ToLower(t.Raw(k)))
}

// computeDims points a CPU or status alarm at an instance ID written in
// the prompt, the stack's instance, database or auto scaling group.
func (a *appState) computeDims(c *Ctx, ask *alarmAsk) bool {
	t := c.T
	ask.namespace = "AWS/EC2"
	for i, tok := range t.Toks {
		if instanceIDRe.MatchString(tok.Norm) {
			ask.dims["InstanceId"] = spec.String(tok.Norm)
			c.Claim(i, i+1)
			return true
		}
	}
	if in := c.First("aws_instance"); in != nil {
		if in.Counted() {
			ask.dims["InstanceId"] = spec.RefIndex(in.Addr(), 0, "id")
		} else {
			ask.dims["InstanceId"] = spec.RefTo(in.Addr(), "id")
		}
		return true
	}
	if g := c.First("aws_autoscaling_group"); g != nil && ask.metric == "CPUUtilization" {
		ask.dims["AutoScalingGroupName"] = spec.RefTo(g.Addr(), "name")
		return true
	}
	if id, k, ok := watchedDatabase(t); ok && ask.metric == "CPUUtilization" {
		ask.namespace = "AWS/RDS"
		ask.dims["DBInstanceIdentifier"] = spec.String(id)
		c.Claim(k-2, k+1)
		return true
	}
	if db := c.First("aws_db_instance"); db != nil && ask.metric == "CPUUtilization" {
		ask.namespace = "AWS/RDS"
		ask.dims["DBInstanceIdentifier"] = spec.RefTo(db.Addr(), "identifier")
		return true
	}
	if a.ecs != nil && a.ecs.service != nil && ask.metric == "CPUUtilization" {
		ask.namespace = "AWS/ECS"
		ask.dims["ClusterName"] = spec.RefTo(a.ecs.cluster, "name")
		ask.dims["ServiceName"] = spec.RefTo(*a.ecs.service, "name")
		return true
	}
	return false
}

func (a *appState) addAlarm(c *Ctx, ask alarmAsk) {
	r := spec.Resource{Type: "aws_cloudwatch_metric_alarm", Name: ask.name}
	r.Body.Set("alarm_name", spec.String(ResourceName(ask.name, 255)))
	r.Body.Set("namespace", spec.String(ask.namespace))
	r.Body.Set("metric_name", spec.String(ask.metric))
	r.Body.Set("statistic", spec.String(ask.statistic))
	r.Body.Set("comparison_operator", spec.String(ask.comparison))
	r.Body.Set("threshold", spec.Number(ask.threshold))
	r.Body.Set("period", spec.Int(ask.period))
	r.Body.Set("evaluation_periods", spec.Int(ask.evals))
	if len(ask.dims) > 0 {
		r.Body.Set("dimensions", spec.Map(ask.dims))
	}
	if a.alarmTopic != nil {
		r.Body.Set("alarm_actions", spec.List(spec.RefTo(*a.alarmTopic, "arn")))
		r.Body.Set("ok_actions", spec.List(spec.RefTo(*a.alarmTopic, "arn")))
	}
	addr := c.Add(r)
	c.Understand("CloudWatch alarm %s: %s %s %s %g over %d × %d s", addr.Name, ask.namespace, ask.metric, ask.comparison, ask.threshold, ask.evals, ask.period)
}
