package rules

// Per-bucket tags: "a bucket raw-1 tagged team=ingest and a bucket
// curated-1 tagged team=analytics". With one bucket, or tags for
// "everything", the engine's stack-wide tags apply instead.

// bucketTags moves tags written next to one of several buckets from the
// stack-wide set onto that bucket.
func (st *s3State) bucketTags(c *Ctx) {
	if len(st.mentions) < 2 || c.T.Has("everything", "all", "every", "each") {
		return
	}
	moved := map[string]bool{}
	for _, kv := range c.T.KeyValues() {
		if _, ok := c.Tags[kv.Value.Key]; !ok && !moved[kv.Value.Key] {
			continue
		}
		m := st.mentionBefore(c, kv.At)
		if m == nil {
			continue
		}
		for _, b := range m.buckets {
			SetTag(c.Res(b.addr), kv.Value.Key, kv.Value.Value)
			c.Understand("tag %s=%s on %s only", kv.Value.Key, kv.Value.Value, b.addr)
		}
		moved[kv.Value.Key] = true
	}
	for k := range moved {
		delete(c.Tags, k)
	}
}

// mentionBefore returns the bucket mention that a tag at token i follows
// within its clause, or nil.
func (st *s3State) mentionBefore(c *Ctx, i int) *s3Mention {
	start, _ := c.T.Clause(i)
	var best *s3Mention
	for _, m := range st.mentions {
		if m.at >= start-1 && m.at < i && i-m.at <= 10 && (best == nil || m.at > best.at) {
			best = m
		}
	}
	return best
}
