package rules

import (
	"github.com/syncloud/syncloud/internal/spec"
)

// appFamilies are the application-side areas: messaging, functions, APIs,
// events, containers, IAM, monitoring, DNS and CDN. They share one appState
// per draft so that later families find what earlier ones placed (the queue
// a function consumes, the topic an alarm notifies).
func appFamilies() []family {
	a := &appState{queuePolicies: map[spec.Address][]appStatement{}}
	return []family{
		{name: "sqs", stage: stageData, declare: a.declareQueues},
		{name: "sns", stage: stageData, declare: a.declareTopics, link: a.linkTopics},
		{name: "ecr", stage: stageData, declare: a.declareRepos},
		{name: "log groups", stage: stageData, declare: a.declareLogGroups, link: a.linkLogGroups},
		{name: "lambda", stage: stageCompute, declare: a.declareFunctions, link: a.linkFunctions},
		{name: "ecs", stage: stageCompute, declare: a.declareECS, link: a.linkECS},
		{name: "eks", stage: stageCompute, declare: a.declareEKS},
		{name: "eventbridge", stage: stageEdge, declare: a.declareEvents, link: a.linkEvents},
		{name: "http api", stage: stageEdge, declare: a.declareHTTPAPI, link: a.linkHTTPAPI},
		{name: "cloudfront", stage: stageEdge, declare: a.declareCDN},
		{name: "route53", stage: stageEdge, declare: a.declareDNS, link: a.linkDNS},
		{name: "iam", stage: stageGeneric, declare: a.declareIAM, link: a.linkIAM},
		{name: "alarms", stage: stageGeneric, declare: a.declareAlarms, link: a.linkAlarms},
		{name: "metric filters", stage: stageGeneric, declare: a.declareMetricFilters},
		{name: "queue policies", stage: stageGeneric, declare: func(*Ctx) {}, link: a.emitQueuePolicies},
	}
}

// appState is what the app families learned while declaring, for linking.
type appState struct {
	queues     []queueRec
	topics     []topicRec
	alarmTopic *spec.Address
	fns        []fnRec
	fnDLQ      *spec.Address // the queue functions send failed events to
	repos      []spec.Address
	logGroups  []logGroupRec
	ecs        *ecsRec
	eventRules []eventRuleRec
	api        *spec.Address
	cdn        *spec.Address
	zones      []zoneRec
	iamUsers   []spec.Address
	iamRole    *spec.Address // a standalone role the IAM family placed

	// queuePolicies collects, per queue, the statements that let other
	// services send to it; one aws_sqs_queue_policy per queue is written at
	// the end because a queue has a single policy.
	queuePolicies map[spec.Address][]appStatement
	policyOrder   []spec.Address
}

// appStatement is a policy statement whose condition values may be
// references (the topic or rule allowed to send to a queue).
type appStatement struct {
	Sid        string
	Actions    []string
	Resources  []spec.Value
	Service    string // principal service, e.g. "sns.amazonaws.com"
	SourceArns []spec.Value
}

// allowQueueSend lets a service principal send to a queue, from a source ARN.
func (a *appState) allowQueueSend(queue spec.Address, sid, service string, source spec.Value) {
	if _, ok := a.queuePolicies[queue]; !ok {
		a.policyOrder = append(a.policyOrder, queue)
	}
	a.queuePolicies[queue] = append(a.queuePolicies[queue], appStatement{
		Sid: sid, Actions: []string{"sqs:SendMessage"}, Resources: []spec.Value{spec.RefTo(queue, "arn")},
		Service: service, SourceArns: []spec.Value{source},
	})
}

// emitQueuePolicies writes one aws_sqs_queue_policy per queue that others
// send to.
func (a *appState) emitQueuePolicies(c *Ctx) {
	for _, q := range a.policyOrder {
		doc := c.refPolicyDocument(q.Name+"_policy", a.queuePolicies[q]...)
		p := spec.Resource{Type: "aws_sqs_queue_policy", Name: q.Name}
		p.Body.Set("queue_url", spec.RefTo(q, "id"))
		p.Body.Set("policy", spec.RefTo(doc, "json"))
		c.Add(p)
	}
}

// refPolicyDocument adds an aws_iam_policy_document whose statements allow a
// service principal, limited by aws:SourceArn to the given (referenced) ARNs.
func (c *Ctx) refPolicyDocument(base string, stmts ...appStatement) spec.Address {
	d := spec.Resource{Mode: spec.Data, Type: "aws_iam_policy_document", Name: base}
	for _, s := range stmts {
		b := d.Body.AddBlock("statement")
		if s.Sid != "" {
			b.Set("sid", spec.String(s.Sid))
		}
		b.Set("effect", spec.String("Allow"))
		b.Set("actions", spec.Strings(s.Actions...))
		b.Set("resources", spec.List(s.Resources...))
		if s.Service != "" {
			p := b.AddBlock("principals")
			p.Set("type", spec.String("Service"))
			p.Set("identifiers", spec.Strings(s.Service))
		}
		if len(s.SourceArns) > 0 {
			cd := b.AddBlock("condition")
			cd.Set("test", spec.String("ArnEquals"))
			cd.Set("variable", spec.String("aws:SourceArn"))
			cd.Set("values", spec.List(s.SourceArns...))
		}
	}
	return c.Add(d)
}

// allowInvoke adds an aws_lambda_permission letting a service invoke a
// function, from a source ARN when one is given.
func (c *Ctx) allowInvoke(fn spec.Address, base, service string, source *spec.Value) spec.Address {
	p := spec.Resource{Type: "aws_lambda_permission", Name: fn.Name + "_" + base}
	p.Body.Set("statement_id_prefix", spec.String(ResourceName("allow-"+base, 60)+"-"))
	p.Body.Set("action", spec.String("lambda:InvokeFunction"))
	p.Body.Set("function_name", spec.RefTo(fn, "function_name"))
	p.Body.Set("principal", spec.String(service))
	if source != nil {
		p.Body.Set("source_arn", *source)
	}
	return c.Add(p)
}

// claimWords claims every token matching one of words.
func (c *Ctx) claimWords(words ...string) {
	for _, i := range c.T.FindAll(words...) {
		c.Claim(i, i+1)
	}
}
