package rules

import (
	"regexp"
	"strings"

	"github.com/syncloud/syncloud/internal/spec"
)

// Subscriptions written as endpoints: e-mail addresses, phone numbers
// ("texts +447700900123") and webhook URLs ("pushes to
// https://hooks.example.com/sns").

var phoneRe = regexp.MustCompile(`^\+[1-9]\d{7,14}$`)

// endpointWords before a URL make it a subscription's endpoint rather
// than, say, a CORS origin.
var endpointWords = []string{"endpoint", "webhook", "push", "pushes", "pushing", "post", "posts", "posting",
	"deliver", "delivers", "delivering", "subscribe", "subscribed", "subscription", "notify", "notifies", "calls", "hits"}

// snsEndpoint is an address a topic delivers to.
type snsEndpoint struct {
	at       int
	protocol string
	value    string
}

// Phones returns every phone number written in international form.
func (t *Text) Phones() []Located[string] { return t.matching(phoneRe) }

// snsEndpoints returns the e-mail addresses, phone numbers and webhook
// URLs of the prompt, in order.
func snsEndpoints(c *Ctx) []snsEndpoint {
	t := c.T
	var out []snsEndpoint
	for _, e := range t.Emails() {
		out = append(out, snsEndpoint{e.At, "email", e.Value})
	}
	for _, p := range t.Phones() {
		out = append(out, snsEndpoint{p.At, "sms", p.Value})
	}
	for _, u := range t.URLs() {
		if k := t.Near(u.At, 6, endpointWords...); k >= 0 && k < u.At {
			out = append(out, snsEndpoint{u.At, strings.SplitN(u.Value, ":", 2)[0], u.Value})
		}
	}
	return out
}

// subscribeEndpoints subscribes each endpoint to the topic it belongs to:
// the nearest topic (or alarm) mentioned before it.
func (a *appState) subscribeEndpoints(c *Ctx, alarmAt int) {
	if len(a.topics) == 0 {
		return
	}
	for _, e := range snsEndpoints(c) {
		if c.Claimed(e.at) {
			continue
		}
		topic := a.topics[0].addr
		best := -1
		for _, tr := range a.topics {
			if tr.at >= 0 && tr.at <= e.at && tr.at > best {
				topic, best = tr.addr, tr.at
			}
		}
		if alarmAt >= 0 && alarmAt <= e.at && alarmAt > best && a.alarmTopic != nil {
			topic = *a.alarmTopic
		}
		s := spec.Resource{Type: "aws_sns_topic_subscription", Name: endpointLocal(e)}
		s.Body.Set("topic_arn", spec.RefTo(topic, "arn"))
		s.Body.Set("protocol", spec.String(e.protocol))
		s.Body.Set("endpoint", spec.String(e.value))
		c.Add(s)
		c.Claim(e.at, e.at+1)
		c.Understand("%s subscription %s to %s%s", protocolLabel[e.protocol], e.value, topic.Name, confirmNote(e.protocol))
	}
}

var protocolLabel = map[string]string{"email": "e-mail", "sms": "SMS", "https": "HTTPS", "http": "HTTP"}

func confirmNote(protocol string) string {
	if protocol == "sms" {
		return ""
	}
	return " (to be confirmed by the recipient)"
}

// endpointLocal names a subscription after its endpoint: "email_ops",
// "sms_447700900123", "https_hooks_example_com".
func endpointLocal(e snsEndpoint) string {
	switch e.protocol {
	case "email":
		return emailLocal(e.value)
	case "sms":
		return "sms_" + strings.TrimPrefix(e.value, "+")
	}
	host := strings.TrimPrefix(strings.TrimPrefix(e.value, "https://"), "http://")
	host, _, _ = strings.Cut(host, "/")
	return e.protocol + "_" + LocalName(host)
}

func emailLocal(email string) string {
	for i := 0; i < len(email); i++ {
		if email[i] == '@' {
			return "email_" + LocalName(email[:i])
		}
	}
	return "email"
}

// lambdaARNAt reports a Lambda function's ARN at token i: "the lambda
// arn:aws:lambda:...:function:notifier" names a function that exists.
func lambdaARNAt(t *Text, i int) bool {
	return arnRe.MatchString(t.Raw(i)) && strings.Contains(t.Raw(i), ":lambda:") && strings.Contains(t.Raw(i), ":function:")
}

// subscribeFunctionARNs subscribes existing functions named by ARN to the
// topic that fans out to them, and lets the topic invoke them.
func (a *appState) subscribeFunctionARNs(c *Ctx, topic spec.Address) bool {
	done := false
	for _, arn := range c.T.ARNs() {
		if !lambdaARNAt(c.T, arn.At) || c.Claimed(arn.At) {
			continue
		}
		name := LocalName(arn.Value[strings.LastIndex(arn.Value, ":")+1:])
		s := spec.Resource{Type: "aws_sns_topic_subscription", Name: name}
		s.Body.Set("topic_arn", spec.RefTo(topic, "arn"))
		s.Body.Set("protocol", spec.String("lambda"))
		s.Body.Set("endpoint", spec.String(arn.Value))
		c.Add(s)
		p := spec.Resource{Type: "aws_lambda_permission", Name: name + "_sns"}
		p.Body.Set("statement_id_prefix", spec.String("allow-sns-"))
		p.Body.Set("action", spec.String("lambda:InvokeFunction"))
		p.Body.Set("function_name", spec.String(arn.Value))
		p.Body.Set("principal", spec.String("sns.amazonaws.com"))
		p.Body.Set("source_arn", spec.RefTo(topic, "arn"))
		c.Add(p)
		c.Claim(arn.At, arn.At+1)
		c.Understand("%s invokes the existing function %s", topic.Name, arn.Value)
		done = true
	}
	return done
}
