package rules

import (
	"strconv"
	"strings"

	"github.com/syncloud/syncloud/internal/spec"
)

// queueRec is an SQS queue the prompt asked for.
type queueRec struct {
	addr spec.Address
	at   int // token of its mention
	dlq  *spec.Address
	name string
	fifo bool
}

var (
	queueWords = []string{"queue", "sqs"}
	dlqWords   = []string{"dlq", "dead-letter", "deadletter", "redrive"}
)

// queueMention is one place the prompt names a queue.
type queueMention struct {
	at  int
	dlq bool
}

func queueMentions(t *Text) []queueMention {
	var out []queueMention
	for i, tok := range t.Toks {
		if strings.HasPrefix(tok.Norm, "sqs-") && !strings.HasPrefix(tok.Norm, "sqs-managed") {
			out = append(out, queueMention{at: i}) // "SQS-triggered", "SQS-backed"
		}
	}
	for _, i := range t.Mentions(append(queueWords, dlqWords...)...) {
		dlq := t.Is(i, dlqWords...) || t.Is(i-1, dlqWords...) || t.HasPhraseAt(i-2, "dead letter") || t.HasPhraseAt(i-1, "dead letter")
		if t.Is(i, "redrive") && !t.Is(i+1, "queue") || t.Is(i, "sqs") && t.Is(i+1, "subscription", "subscriptions", "protocol") {
			continue // "an SQS subscription to queue X" names the protocol, not another queue
		}
		out = append(out, queueMention{at: i, dlq: dlq})
	}
	return out
}

// HasPhraseAt reports whether phrase starts at token i.
func (t *Text) HasPhraseAt(i int, phrase string) bool {
	return i >= 0 && t.phraseAt(i, strings.Fields(phrase))
}

// declareQueues places the SQS queues the prompt names, with their
// dead-letter queues and settings.
func (a *appState) declareQueues(c *Ctx) {
	ms := queueMentions(c.T)
	var mains []queueMention
	hasDLQ := false
	head := c.T.headingEnd()
	for _, m := range ms {
		c.Claim(m.at, m.at+1)
		switch {
		case m.dlq:
			hasDLQ = true
		case m.at < head && ms[len(ms)-1].at >= head:
			// a title ("Queue and worker: ...") names a queue described after it
		default:
			mains = append(mains, m)
		}
	}
	if len(mains) == 0 {
		if hasDLQ && c.T.Has("lambda", "function") {
			a.functionDLQ(c, ms[0].at)
			return
		}
		if !hasDLQ {
			return
		}
		mains = append(mains, ms[0])
	}
	names := map[string]bool{}
	for _, m := range mains {
		q := queueRec{at: m.at}
		if c.T.Norm(m.at) == "queues" {
			if ns := iamNames(c, m.at); len(ns) > 1 {
				for _, n := range ns {
					a.queues = append(a.queues, queueRec{at: m.at, name: n})
				}
				continue
			}
		}
		n, k, ok := c.T.messagingName(m.at)
		if ok && !names[n] && !c.Claimed(k) {
			q.name = n
			names[n] = true
			c.Claim(k, k+1)
		} else if len(a.queues) > 0 {
			continue
		}
		a.queues = append(a.queues, q)
	}
	for n := c.T.CountBefore(mains[0].at, 3); len(a.queues) < n && len(a.queues) < 20; {
		a.queues = append(a.queues, queueRec{at: mains[0].at})
	}
	for i := range a.queues {
		a.buildQueue(c, i, ms, hasDLQ)
	}
}

// functionDLQ adds the queue a function sends failed asynchronous events
// to ("a Lambda with a dead-letter queue").
func (a *appState) functionDLQ(c *Ctx, at int) {
	d := spec.Resource{Type: "aws_sqs_queue", Name: "function_dlq"}
	d.Body.Set("message_retention_seconds", spec.Int(1209600))
	c.Assume("aws_sqs_queue.function_dlq.message_retention_seconds", "dead-letter queue keeps messages for the maximum, 14 days")
	addr := c.Add(d)
	a.fnDLQ = &addr
	c.Claim(at, at+1)
	c.Understand("dead-letter queue for the function's failed events")
}

// queueOwner says whether the setting written at token k belongs to the
// dead-letter queue: the nearest queue mention before it is a DLQ.
func queueOwner(ms []queueMention, k int) bool {
	owner := false
	for _, m := range ms {
		if m.at <= k {
			owner = m.dlq
		}
	}
	return owner
}

func (a *appState) buildQueue(c *Ctx, i int, ms []queueMention, hasDLQ bool) {
	q := &a.queues[i]
	t := c.T
	q.fifo = t.Near(q.at, 4, "fifo") >= 0 || (t.Has("fifo") && len(a.queues) == 1 && !t.Has("topic", "sns")) ||
		isFIFOName(strings.ToLower(q.name))
	if isFIFOName(strings.ToLower(q.name)) {
		q.name = q.name[:len(q.name)-len(".fifo")]
	}
	main := spec.Resource{Type: "aws_sqs_queue", Name: "queue"}
	if len(a.queues) > 1 {
		main.Name = "queue_" + strconv.Itoa(i+1)
	}
	if q.name != "" {
		main.Name = q.name
		main.Body.Set("name", spec.String(fifoName(ResourceName(q.name, 75), q.fifo)))
	} else if q.fifo {
		main.Body.Set("name", spec.String(fifoName("queue", true)))
		c.Assume("aws_sqs_queue."+LocalName(main.Name)+".name", "a FIFO queue needs a name ending in .fifo: using %q", "queue.fifo")
	}
	dlqBody := &spec.Body{}
	settings := a.queueSettings(c, ms, &main.Body, dlqBody, q.fifo)
	q.addr = c.Add(main)
	if hasDLQ && i == 0 {
		a.addDLQ(c, q, *dlqBody)
	}
	desc := "SQS queue"
	if q.name != "" {
		desc += " " + q.name
	}
	if len(settings) > 0 {
		desc += " (" + strings.Join(settings, ", ") + ")"
	}
	c.Understand("%s", desc)
}

func fifoName(name string, fifo bool) string {
	if fifo && !strings.HasSuffix(name, ".fifo") {
		return name + ".fifo"
	}
	return name
}

// addDLQ adds the dead-letter queue of q and points q's redrive policy at it.
func (a *appState) addDLQ(c *Ctx, q *queueRec, body spec.Body) {
	base := "dlq"
	if q.name != "" {
		base = q.name + "-dlq"
	}
	d := spec.Resource{Type: "aws_sqs_queue", Name: base, Body: body}
	if q.name != "" || q.fifo {
		d.Body.Set("name", spec.String(fifoName(ResourceName(base, 75), q.fifo)))
	}
	if q.fifo {
		d.Body.Set("fifo_queue", spec.Bool(true))
	}
	if d.Body.SetDefault("message_retention_seconds", spec.Int(1209600)) {
		c.Assume("aws_sqs_queue."+LocalName(base)+".message_retention_seconds", "dead-letter queue keeps messages for the maximum, 14 days")
	}
	dlq := c.Add(d)
	q.dlq = &dlq
	tries := 5
	if n, k, ok := maxReceives(c.T); ok {
		tries = n
		c.Claim(k, k+1)
	} else {
		c.Assume(q.addr.String()+".redrive_policy", "messages move to the dead-letter queue after %d failed receives", tries)
	}
	c.Res(q.addr).Body.Set("redrive_policy", spec.JSON(spec.Map(map[string]spec.Value{
		"deadLetterTargetArn": spec.RefTo(dlq, "arn"),
		"maxReceiveCount":     spec.Int(tries),
	})))
	c.Understand("dead-letter queue for %s after %d receives", q.addr.Name, tries)
}

// maxReceives reads "after 5 failed receives", "max 3 receives",
// "maxReceiveCount 4", "3 retries".
func maxReceives(t *Text) (int, int, bool) {
	for _, k := range t.FindAll("receive", "receives", "retries", "attempts", "tries", "failures", "maxreceivecount", "receivecount") {
		if n, at, ok := t.NumberBefore(k, 3); ok && n > 0 && n <= 1000 {
			return n, at, true
		}
		if n, at, ok := t.NumberNear(k, 2); ok && n > 0 && n <= 1000 {
			return n, at, true
		}
	}
	return 0, -1, false
}
