package rules

import (
	"strconv"

	"github.com/syncloud/syncloud/internal/spec"
)

// queueSettings reads the settings written about queues and sets each on the
// queue it belongs to (the main queue, or the DLQ when the nearest queue
// mention before the setting is the DLQ). It returns a description.
func (a *appState) queueSettings(c *Ctx, ms []queueMention, main, dlq *spec.Body, fifo bool) []string {
	t := c.T
	var desc []string
	pick := func(k int) *spec.Body {
		if queueOwner(ms, k) {
			return dlq
		}
		return main
	}
	if fifo {
		main.Set("fifo_queue", spec.Bool(true))
		desc = append(desc, "FIFO")
		c.claimWords("fifo")
	}
	if k := contentDedup(t); k >= 0 && fifo {
		main.Set("content_based_deduplication", spec.Bool(true))
		desc = append(desc, "content-based deduplication")
		c.Claim(k, k+2)
	}
	for _, k := range t.FindAll("visibility") {
		if s, at, ok := t.DurationNear(k, 4); ok {
			pick(k).Set("visibility_timeout_seconds", spec.Int(clampInt(s, 0, 43200)))
			desc = append(desc, "visibility timeout "+strconv.Itoa(s)+" s")
			c.Claim(min(k, at), max(k, at)+1)
		}
	}
	for _, k := range t.FindAll("retain", "retains", "retaining", "retention", "retained", "keep", "keeps", "keeping", "kept", "hold", "holds", "holding", "store", "stores", "storing") {
		if s, at, ok := t.DurationNear(k, 5); ok && s >= 60 {
			pick(k).Set("message_retention_seconds", spec.Int(clampInt(s, 60, 1209600)))
			desc = append(desc, "retention "+strconv.Itoa(Days(s))+" d")
			c.Claim(min(k, at), max(k, at)+1)
		}
	}
	a.queueSizing(c, main, &desc)
	if queueWantsCMK(t, ms) {
		key := spec.RefTo(c.KMSKey("sqs"), "arn")
		main.Set("kms_master_key_id", key)
		dlq.Set("kms_master_key_id", key)
		desc = append(desc, "encrypted with the customer managed key")
	} else if queueEncrypted(t, ms) {
		main.Set("sqs_managed_sse_enabled", spec.Bool(true))
		dlq.Set("sqs_managed_sse_enabled", spec.Bool(true))
		desc = append(desc, "SSE-SQS encryption")
	}
	return desc
}

func (a *appState) queueSizing(c *Ctx, main *spec.Body, desc *[]string) {
	t := c.T
	for _, k := range t.FindAll("size", "sized") {
		if !t.Is(k-1, "message", "max", "maximum") && !t.Is(k-2, "message", "max", "maximum") {
			continue
		}
		if s, at, ok := t.SizeNear(k, 4); ok {
			b := clampInt(int(s.MiB*1024*1024+0.5), 1024, 262144)
			main.Set("max_message_size", spec.Int(b))
			*desc = append(*desc, "max message "+strconv.Itoa(b)+" bytes")
			c.Claim(min(k, at), max(k, at)+1)
		}
	}
	for _, k := range t.FindAll("message", "messages") {
		s, at, ok := t.SizeNear(k, 4)
		if main.Has("max_message_size") || !ok || s.MiB > 1 {
			continue // "messages up to 64 KB"; larger sizes are not message limits
		}
		b := clampInt(int(s.MiB*1024*1024+0.5), 1024, 262144)
		main.Set("max_message_size", spec.Int(b))
		*desc = append(*desc, "max message "+strconv.Itoa(b)+" bytes")
		c.Claim(at, at+1)
	}
	for _, k := range t.FindAll("polling", "poll", "wait") {
		s, at, ok := t.DurationNear(k, 4)
		if !ok && !t.Is(k-1, "long") {
			continue
		}
		if !ok {
			s = 20
			c.Assume("aws_sqs_queue.receive_wait_time_seconds", "long polling waits the maximum, 20 seconds")
		}
		main.Set("receive_wait_time_seconds", spec.Int(clampInt(s, 0, 20)))
		*desc = append(*desc, "long polling "+strconv.Itoa(clampInt(s, 0, 20))+" s")
		c.Claim(k, k+1)
		if at >= 0 {
			c.Claim(at, at+1)
		}
		break
	}
	for _, k := range t.FindAll("delay", "delayed") {
		if s, _, ok := t.DurationNear(k, 4); ok {
			main.Set("delay_seconds", spec.Int(clampInt(s, 0, 900)))
			*desc = append(*desc, "delivery delay "+strconv.Itoa(s)+" s")
		}
	}
}

// contentDedup finds "content-based deduplication" and its variants.
func contentDedup(t *Text) int {
	for _, p := range []string{"content-based|contentbased deduplication|dedup|dedupe|deduplicated|de-duplication",
		"content based deduplication|dedup|dedupe"} {
		if k := t.Phrase(0, p); k >= 0 {
			return k
		}
	}
	return t.Find(0, "content-based", "contentbaseddeduplication")
}

// queueWantsCMK reports a customer managed KMS key asked for next to a
// queue ("SQS queue encrypted with our own KMS key").
func queueWantsCMK(t *Text, ms []queueMention) bool {
	if _, ok := wantsKMSKey(t); !ok {
		return false
	}
	for _, m := range ms {
		if t.Near(m.at, 8, "kms", "cmk", "customer-managed", "customer") >= 0 {
			return true
		}
	}
	return false
}

// queueEncrypted reports an explicit request for SQS-managed encryption.
func queueEncrypted(t *Text, ms []queueMention) bool {
	if t.Has("sse-sqs", "sqs-managed") {
		return true
	}
	for _, m := range ms {
		if t.Near(m.at, 8, "encrypt", "encrypted", "encryption", "sse") >= 0 && t.Near(m.at, 8, "kms", "cmk") < 0 {
			return true
		}
	}
	return false
}

func clampInt(v, lo, hi int) int {
	return max(lo, min(hi, v))
}
