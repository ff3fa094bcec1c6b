package rules

import (
	"strings"

	"github.com/syncloud/syncloud/internal/spec"
)

// Event notifications: "when a new object lands in bucket X, send an event
// to an SQS queue", "every time a .jpg is uploaded, run a Lambda". The
// target queue, topic or function may be declared by another family; the
// link step finds it (or adds a queue or topic itself) and grants S3 the
// right to deliver.

// s3NotifyPlan is what declare read and link completes.
type s3NotifyPlan struct {
	bucket         s3Planned
	kind           string // "queue", "topic" or "lambda"
	events         []string
	prefix, suffix string
}

var notifyTriggers = []string{"notification", "notifications", "notify", "event", "events", "trigger", "triggers",
	"triggered", "whenever", "when", "upload", "uploaded", "uploads", "lands", "land", "landing", "arrives",
	"arrive", "dropped", "invoke", "invoked", "created", "put"}

func (st *s3State) planNotify(c *Ctx) {
	trig := -1
	for _, i := range c.T.mentionsOf(notifyTriggers...) {
		if c.T.Is(i, "put") && !c.T.Is(i+1, "into", "in") || c.T.Is(i, "event", "events") && c.T.Is(i-1, "cloudwatch", "eventbridge") {
			continue
		}
		trig = i
		break
	}
	if trig < 0 {
		return
	}
	kind, at := notifyKind(c.T, trig)
	if kind == "" {
		return
	}
	p := &s3NotifyPlan{kind: kind, events: []string{"s3:ObjectCreated:*"}}
	if c.T.Near(trig, 10, "deleted", "delete", "removed", "removal", "deletion") >= 0 {
		p.events = []string{"s3:ObjectRemoved:*"}
	}
	p.prefix, p.suffix = c.notifyFilter()
	bs := st.bucketsAt(c, trig)
	if len(bs) == 0 {
		bs = st.mentions[0].buckets
	}
	p.bucket = bs[0]
	c.Claim(trig, trig+1)
	c.Claim(at, at+1)
	st.notify = p
}

// notifyKind finds the target of the notification nearest the trigger.
func notifyKind(t *Text, trig int) (string, int) {
	best, bestAt, bestD := "", -1, 1<<30
	for _, k := range []struct {
		kind  string
		words []string
	}{{"queue", []string{"sqs", "queue"}}, {"topic", []string{"sns", "topic"}}, {"lambda", []string{"lambda", "function"}}} {
		for _, i := range t.mentionsOf(k.words...) {
			if d := dataAbs(i - trig); d < bestD {
				best, bestAt, bestD = k.kind, i, d
			}
		}
	}
	return best, bestAt
}

// notifyFilter reads "a .jpg", "*.png files", "under uploads/".
func (c *Ctx) notifyFilter() (prefix, suffix string) {
	for i := 0; i < c.T.Len(); i++ {
		raw := strings.TrimPrefix(c.T.Raw(i), "*")
		switch {
		case len(raw) > 1 && raw[0] == '.' && isWord(raw[1:]):
			suffix = strings.ToLower(raw)
			c.Claim(i, i+1)
		case fileKindAt(c.T, i) != "":
			suffix = fileKindAt(c.T, i)
			c.Claim(i, i+1)
		case strings.HasSuffix(raw, "/") && !strings.Contains(raw, "://") && len(raw) > 1:
			prefix = strings.TrimPrefix(raw, "/")
			c.Claim(i, i+1)
		}
	}
	return prefix, suffix
}

// fileKinds are file extensions people name as words ("CSV files").
var fileKinds = []string{"csv", "json", "jpg", "jpeg", "png", "gif", "pdf", "parquet", "zip", "txt", "mp4", "xml",
	"avro", "orc", "gz", "tsv", "mp3", "webp", "heic", "svg", "html", "yaml", "yml", "xlsx", "docx"}

// link adds the notification planned in declare, once every family has
// declared its queues, topics and functions.
func (st *s3State) link(c *Ctx) {
	p := st.notify
	if p == nil {
		return
	}
	n := bucketSibling("aws_s3_bucket_notification", p.bucket)
	blk, grant, ok := c.notifyTarget(&n.Body, p)
	if !ok {
		return
	}
	n.DependsOn = append(n.DependsOn, grant)
	blk.Set("events", spec.Strings(p.events...))
	if p.prefix != "" {
		blk.Set("filter_prefix", spec.String(p.prefix))
	}
	if p.suffix != "" {
		blk.Set("filter_suffix", spec.String(p.suffix))
	}
	c.Add(n)
	c.Understand("S3 event notification from %s to a %s (%s)", p.bucket.addr, p.kind, strings.Join(p.events, ", "))
}

// notifyTarget adds the notification's target block and the grant that
// lets S3 deliver to it.
func (c *Ctx) notifyTarget(n *spec.Body, p *s3NotifyPlan) (*spec.Body, spec.Address, bool) {
	switch p.kind {
	case "queue":
		q := c.notifyQueue(p.bucket)
		blk := n.AddBlock("queue")
		blk.Set("queue_arn", spec.RefTo(q, "arn"))
		return blk, c.allowS3ToQueue(q, p.bucket), true
	case "topic":
		tp := c.notifyTopic(p.bucket)
		blk := n.AddBlock("topic")
		blk.Set("topic_arn", spec.RefTo(tp, "arn"))
		return blk, c.allowS3ToTopic(tp, p.bucket), true
	}
	fn := c.First("aws_lambda_function")
	if fn == nil {
		c.Unplaced("S3 event notification to a Lambda function (no function to send it to)")
		return nil, spec.Address{}, false
	}
	fa := fn.Addr()
	blk := n.AddBlock("lambda_function")
	blk.Set("lambda_function_arn", spec.RefTo(fa, "arn"))
	return blk, c.allowS3ToLambda(fa, p.bucket), true
}

// notifyQueue returns the queue the prompt declared (not a dead-letter
// queue), or adds one.
func (c *Ctx) notifyQueue(b s3Planned) spec.Address {
	for _, q := range c.Stack.OfType("aws_sqs_queue") {
		if !strings.Contains(q.Name, "dlq") && !strings.Contains(q.Name, "dead") {
			return q.Addr()
		}
	}
	q := spec.Resource{Type: "aws_sqs_queue", Name: b.addr.Name + "_events"}
	q.Body.Set("name", spec.String(ResourceName(b.addr.Name+"-events", 80)))
	addr := c.Add(q)
	c.Understand("SQS queue %s for the bucket's events", addr)
	return addr
}

func (c *Ctx) notifyTopic(b s3Planned) spec.Address {
	if t := c.First("aws_sns_topic"); t != nil {
		return t.Addr()
	}
	t := spec.Resource{Type: "aws_sns_topic", Name: b.addr.Name + "_events"}
	t.Body.Set("name", spec.String(ResourceName(b.addr.Name+"-events", 256)))
	addr := c.Add(t)
	c.Understand("SNS topic %s for the bucket's events", addr)
	return addr
}

// fromBucket limits a grant to deliveries from the bucket.
func fromBucket(b s3Planned) []Condition {
	return []Condition{{Test: "ArnLike", Variable: "aws:SourceArn", Values: []string{b.arnGlob}}}
}

func (c *Ctx) allowS3ToQueue(q spec.Address, b s3Planned) spec.Address {
	doc := c.PolicyDocument(q.Name+"_s3_send", Statement{
		Actions:    []string{"sqs:SendMessage"},
		Resources:  []spec.Value{spec.RefTo(q, "arn")},
		Principals: []Principal{{Type: "Service", Identifiers: []string{"s3.amazonaws.com"}}},
		Conditions: fromBucket(b),
	})
	p := spec.Resource{Type: "aws_sqs_queue_policy", Name: q.Name}
	p.Body.Set("queue_url", spec.RefTo(q, "id"))
	p.Body.Set("policy", spec.RefTo(doc, "json"))
	return c.Add(p)
}

func (c *Ctx) allowS3ToTopic(t spec.Address, b s3Planned) spec.Address {
	doc := c.PolicyDocument(t.Name+"_s3_publish", Statement{
		Actions:    []string{"sns:Publish"},
		Resources:  []spec.Value{spec.RefTo(t, "arn")},
		Principals: []Principal{{Type: "Service", Identifiers: []string{"s3.amazonaws.com"}}},
		Conditions: fromBucket(b),
	})
	p := spec.Resource{Type: "aws_sns_topic_policy", Name: t.Name}
	p.Body.Set("arn", spec.RefTo(t, "arn"))
	p.Body.Set("policy", spec.RefTo(doc, "json"))
	return c.Add(p)
}

func (c *Ctx) allowS3ToLambda(fn spec.Address, b s3Planned) spec.Address {
	p := spec.Resource{Type: "aws_lambda_permission", Name: fn.Name + "_s3"}
	p.Body.Set("statement_id", spec.String("AllowS3Invoke"))
	p.Body.Set("action", spec.String("lambda:InvokeFunction"))
	p.Body.Set("function_name", spec.RefTo(fn, "function_name"))
	p.Body.Set("principal", spec.String("s3.amazonaws.com"))
	p.Body.Set("source_arn", spec.RefTo(b.addr, "arn"))
	return c.Add(p)
}
