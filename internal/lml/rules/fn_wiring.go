package rules

import (
	"strings"

	"github.com/syncloud/syncloud/internal/spec"
)

// functionInVPC reports whether the function should run inside the
// requested VPC's private subnets.
func (a *appState) functionInVPC(c *Ctx, at int) bool {
	if c.Net == nil || len(c.Net.Private) == 0 {
		return false
	}
	return c.T.HasPhrase("private subnet", "private subnets") || c.T.Near(at, 10, "vpc", "inside", "subnet", "subnets") >= 0
}

// functionVPC places the function in the private subnets with a security
// group of its own that only allows outbound traffic.
func (a *appState) functionVPC(c *Ctx, fn *spec.Resource, name string) {
	sgAddr := appSecurityGroup(c, name, ResourceName(name, 200)+"-", "Lambda function "+ResourceName(name, 64), nil)
	v := fn.Body.EnsureBlock("vpc_config")
	v.Set("subnet_ids", SubnetRefs(c.Net.Private))
	v.Set("security_group_ids", spec.List(spec.RefTo(sgAddr, "id")))
	c.Understand("function %s in the private subnets with its own security group", name)
	c.claimWords("security")
}

// functionLogs adds the function's log group when the prompt talks about
// its logs.
func (a *appState) functionLogs(c *Ctx, fn spec.Address, fname string) {
	k := c.T.Find(0, "log", "logs", "logging")
	if k < 0 || a.ecsWanted(c) {
		return
	}
	g := spec.Resource{Type: "aws_cloudwatch_log_group", Name: fn.Name}
	g.Body.Set("name", spec.String("/aws/lambda/"+fname))
	g.Body.Set("retention_in_days", spec.Int(logRetention(c, k, "aws_cloudwatch_log_group."+fn.Name)))
	addr := c.Add(g)
	a.logGroups = append(a.logGroups, logGroupRec{addr: addr, at: k, owned: true})
	c.Res(fn).DependsOn = append(c.Res(fn).DependsOn, addr)
	c.Claim(k, k+1)
	c.claimWords("group", "cloudwatch")
}

// functionURL adds a function URL: public ("no auth", "public") or IAM
// authenticated.
func (a *appState) functionURL(c *Ctx, fn spec.Address) {
	t := c.T
	k := t.Phrase(0, "function|lambda url|urls|endpoint")
	if k < 0 {
		return
	}
	c.Claim(k, k+2)
	auth := "AWS_IAM"
	if t.Has("public", "publicly", "unauthenticated", "anonymous", "open") || t.Near(k, 6, "none") >= 0 ||
		t.HasPhrase("no auth", "no authentication", "without auth", "without authentication", "no authorization", "without any auth") {
		auth = "NONE"
	} else {
		c.Assume("aws_lambda_function_url."+fn.Name+".authorization_type", "callers must sign requests with IAM (say \"public\" or \"no auth\" for an open URL)")
	}
	u := spec.Resource{Type: "aws_lambda_function_url", Name: fn.Name}
	u.Body.Set("function_name", spec.RefTo(fn, "function_name"))
	u.Body.Set("authorization_type", spec.String(auth))
	if t.Has("cors") {
		cors := u.Body.AddBlock("cors")
		cors.Set("allow_origins", spec.Strings(corsOrigins(c)...))
		cors.Set("allow_methods", spec.Strings("*"))
	}
	c.Add(u)
	c.Understand("function URL for %s (auth %s)", fn.Name, auth)
}

// corsOrigins returns the origins named after "CORS" or "*".
func corsOrigins(c *Ctx) []string {
	var out []string
	for _, u := range c.T.URLs() {
		c.Claim(u.At, u.At+1)
		out = append(out, u.Value)
	}
	if len(out) == 0 {
		c.Assume("cors.allow_origins", "no origin named for CORS: allowing any origin (*)")
		return []string{"*"}
	}
	return out
}

var consumeWords = []string{"consume", "consumes", "consumed", "consuming", "consumer", "process", "processes",
	"processed", "processing", "processor", "poll", "polls", "polled", "polling", "reads", "drain", "drains",
	"triggered", "trigger", "triggers", "handle", "handles", "handled", "worker", "workers", "subscribes", "pulls"}

// linkFunctions connects functions to what triggers them: queues, streams,
// buckets.
func (a *appState) linkFunctions(c *Ctx) {
	if len(a.fns) == 0 {
		return
	}
	fn := a.fns[0]
	t := c.T
	if len(a.queues) > 0 && (t.Has(consumeWords...) || compoundSQS(t)) && !a.queueIsEventTarget(c) {
		q := a.queues[0].addr
		a.eventSourceMapping(c, fn, spec.RefTo(q, "arn"), "", "service-AWSLambdaSQSQueueExecutionRole")
		c.Understand("function %s consumes queue %s", fn.addr.Name, q.Name)
	}
	a.linkBucketTriggers(c, fn)
	a.linkFunctionEnvRefs(c, fn)
}

// compoundSQS reports "SQS-triggered", "SQS-driven" and the like.
func compoundSQS(t *Text) bool {
	for _, tok := range t.Toks {
		if strings.HasPrefix(tok.Norm, "sqs-") && !strings.HasPrefix(tok.Norm, "sqs-managed") {
			return true
		}
	}
	return false
}

// queueIsEventTarget reports whether the queue receives events from a rule
// rather than feeding a function.
func (a *appState) queueIsEventTarget(c *Ctx) bool {
	return len(a.eventRules) > 0 && !c.T.Has("consume", "consumes", "consumed", "consumer", "poll", "polls")
}

// eventSourceMapping makes the function read from a queue or stream.
func (a *appState) eventSourceMapping(c *Ctx, fn fnRec, source spec.Value, start, policy string) {
	m := spec.Resource{Type: "aws_lambda_event_source_mapping", Name: fn.addr.Name}
	m.Body.Set("event_source_arn", source)
	m.Body.Set("function_name", spec.RefTo(fn.addr, "arn"))
	if k := c.T.Find(0, "batch", "batches"); k >= 0 {
		if n, at, ok := c.T.NumberNear(k, 3); ok && n > 0 {
			m.Body.Set("batch_size", spec.Int(min(n, 10000)))
			c.Claim(k, at+1)
		}
	}
	if start != "" {
		m.Body.Set("starting_position", spec.String(start))
		c.Assume("aws_lambda_event_source_mapping."+fn.addr.Name+".starting_position", "the function reads new records only (LATEST)")
	}
	c.AttachPolicy(fn.role, spec.String(ManagedPolicyARN(policy)))
	c.Add(m)
}
