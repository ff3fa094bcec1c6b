package rules

import (
	"strings"

	"github.com/syncloud/syncloud/internal/spec"
)

// topicRec is an SNS topic the prompt asked for.
type topicRec struct {
	addr  spec.Address
	at    int
	alarm bool // the topic alarms notify
}

var alarmWords = []string{"alarm", "alarms", "alarming", "alarmed"}

// declareTopics places SNS topics, including the one alarms notify, and
// their e-mail, SMS and HTTPS subscriptions.
func (a *appState) declareTopics(c *Ctx) {
	t := c.T
	alarmAt, _ := alarmAt(t)
	for _, m := range t.Mentions("topic", "sns") {
		if t.Is(m-1, "kafka", "msk", "iot", "mqtt") {
			continue // a Kafka or IoT topic, not SNS
		}
		c.Claim(m, m+1)
		if alarmAt >= 0 && m > alarmAt && a.alarmTopic == nil {
			a.addTopic(c, m, true)
			continue
		}
		if len(a.topics) > 0 && !a.distinctTopic(c, m) {
			continue
		}
		a.addTopic(c, m, false)
		for n := t.CountBefore(m, 3); n > 1 && len(a.topics) < n && len(a.topics) < 20; {
			a.addTopic(c, m, false)
		}
	}
	if alarmAt >= 0 && a.alarmTopic == nil && len(a.topics) == 1 && a.topics[0].at < alarmAt &&
		t.Near(alarmAt, 4, "it", "topic", "notifies", "notify", "triggers", "publishes") > alarmAt {
		a.topics[0].alarm = true // "a topic X and an alarm that notifies it"
		a.alarmTopic = &a.topics[0].addr
	}
	if alarmAt >= 0 && a.alarmTopic == nil && a.alarmNotifies(c, alarmAt) {
		a.addTopic(c, -1, true)
	}
	a.subscribeEndpoints(c, alarmAt)
}

// messagingName reads the name of the topic or queue mentioned at i:
// "called X", a quoted word, "orders queue", or an identifier right after
// it ("topic audit-events").
func (t *Text) messagingName(i int) (string, int, bool) {
	if n, k, ok := t.NameNear(i, false); ok {
		return n, k, true
	}
	if n, k, ok := t.NameBefore(i); ok {
		return n, k, true
	}
	if k := i + 1; !t.Toks[i].Break && t.looksLikeName(k) && !strings.ContainsAny(t.Raw(k), "@+") {
		return t.Raw(k), k, true
	}
	if k := i - 1; k >= 0 && isFIFOName(t.Norm(k)) && !t.Toks[k].Break {
		return t.Raw(k), k, true // "orders.fifo queue"
	}
	return "", -1, false
}

// isFIFOName reports a queue or topic name that says it is FIFO.
func isFIFOName(n string) bool {
	base, ok := strings.CutSuffix(n, ".fifo")
	return ok && base != "" && isLabelChars(strings.ReplaceAll(base, "_", "-"))
}

// distinctTopic reports whether the mention at m names a topic not yet
// placed: it has a name of its own.
func (a *appState) distinctTopic(c *Ctx, m int) bool {
	_, k, ok := c.T.NameNear(m, false)
	return ok && !c.Claimed(k)
}

// alarmNotifies reports whether alarms should notify someone.
func (a *appState) alarmNotifies(c *Ctx, alarmAt int) bool {
	for _, e := range c.T.Emails() {
		if e.At > alarmAt || len(a.topics) == 0 {
			return true
		}
	}
	return c.T.Find(0, "notify", "notifying", "notifies", "notification", "notifications", "email", "emails", "emailing", "page", "pages", "paging") >= 0
}

func (a *appState) addTopic(c *Ctx, at int, alarm bool) {
	t := c.T
	r := spec.Resource{Type: "aws_sns_topic", Name: "topic"}
	if alarm {
		r.Name = "alarms"
	}
	name := ""
	if at >= 0 {
		n, k, ok := t.messagingName(at)
		if ok && !c.Claimed(k) {
			name = n
			c.Claim(k, k+1)
		}
	}
	fifo := at >= 0 && t.Near(at, 3, "fifo") >= 0 || isFIFOName(strings.ToLower(name))
	if isFIFOName(strings.ToLower(name)) {
		name = name[:len(name)-len(".fifo")]
	}
	if name != "" {
		r.Name = name
		r.Body.Set("name", spec.String(fifoName(ResourceName(name, 251), fifo)))
	} else if fifo {
		r.Body.Set("name", spec.String("topic.fifo"))
		c.Assume("aws_sns_topic.topic.name", "a FIFO topic needs a name ending in .fifo: using \"topic.fifo\"")
	}
	if fifo {
		r.Body.Set("fifo_topic", spec.Bool(true))
		if contentDedup(t) >= 0 {
			r.Body.Set("content_based_deduplication", spec.Bool(true))
		}
	}
	if _, cmk := wantsKMSKey(t); cmk && at >= 0 && t.Near(at, 8, "kms", "cmk", "customer-managed", "customer") >= 0 {
		r.Body.Set("kms_master_key_id", spec.RefTo(c.KMSKey("sns"), "arn"))
	} else if at >= 0 && t.Near(at, 6, "encrypt", "encrypted", "encryption") >= 0 {
		r.Body.Set("kms_master_key_id", spec.String("alias/aws/sns"))
	}
	addr := c.Add(r)
	a.topics = append(a.topics, topicRec{addr: addr, at: at, alarm: alarm})
	if alarm {
		a.alarmTopic = &addr
		c.Understand("SNS topic %s for alarm notifications", addr.Name)
		return
	}
	c.Understand("SNS topic %s", addr.Name)
}

var fanoutWords = []string{"fan", "fans", "fanning", "fanout", "fan-out", "fanned", "subscribe", "subscribed", "subscriber", "subscribers",
	"subscription", "subscriptions", "deliver", "delivers", "delivering", "forward", "forwards", "forwarding",
	"push", "pushes", "publish", "publishes", "broadcast", "broadcasts"}

// linkTopics subscribes queues (and functions) to the topics that fan out
// to them.
func (a *appState) linkTopics(c *Ctx) {
	var topic *topicRec
	for i := range a.topics {
		if !a.topics[i].alarm {
			topic = &a.topics[i]
			break
		}
	}
	if topic == nil {
		return
	}
	fanout := c.T.Has(fanoutWords...)
	if !fanout && (len(a.queues) > 0 || !c.T.Has("trigger", "triggers", "triggered", "invoke", "invokes", "invoked", "runs", "run")) {
		return
	}
	c.claimWords(fanoutWords...)
	if len(a.fns) == 0 && len(a.queues) == 0 && a.subscribeFunctionARNs(c, topic.addr) {
		return
	}
	for _, q := range a.queues {
		s := spec.Resource{Type: "aws_sns_topic_subscription", Name: q.addr.Name}
		s.Body.Set("topic_arn", spec.RefTo(topic.addr, "arn"))
		s.Body.Set("protocol", spec.String("sqs"))
		s.Body.Set("endpoint", spec.RefTo(q.addr, "arn"))
		if c.T.HasPhrase("raw message|messages delivery", "raw delivery", "raw messages") {
			s.Body.Set("raw_message_delivery", spec.Bool(true)) // the queue gets the message, not SNS's envelope
		}
		c.Add(s)
		a.allowQueueSend(q.addr, "AllowTopic", "sns.amazonaws.com", spec.RefTo(topic.addr, "arn"))
		c.Understand("%s fans out to queue %s", topic.addr.Name, q.addr.Name)
	}
	if len(a.queues) > 0 || len(a.fns) == 0 {
		return
	}
	fn := a.fns[0].addr
	s := spec.Resource{Type: "aws_sns_topic_subscription", Name: fn.Name}
	s.Body.Set("topic_arn", spec.RefTo(topic.addr, "arn"))
	s.Body.Set("protocol", spec.String("lambda"))
	s.Body.Set("endpoint", spec.RefTo(fn, "arn"))
	c.Add(s)
	src := spec.RefTo(topic.addr, "arn")
	c.allowInvoke(fn, "sns", "sns.amazonaws.com", &src)
	c.Understand("%s invokes function %s", topic.addr.Name, fn.Name)
}
