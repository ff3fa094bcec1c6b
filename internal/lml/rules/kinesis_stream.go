package rules

import (
	"github.com/syncloud/syncloud/internal/spec"
)

// Kinesis data streams: "Kinesis data stream 'clickstream' with 2 shards
// and 48h retention", on-demand capacity, encryption. A Lambda that
// processes the stream is connected by linkStreams.

func kinesisFamily() family {
	return family{name: "kinesis", stage: stageData, declare: declareKinesis}
}

func declareKinesis(c *Ctx) {
	k := c.T.Find(0, "kinesis")
	if k < 0 || c.T.Near(k, 2, "firehose", "analytics", "video") >= 0 {
		return
	}
	c.Claim(k, k+1)
	at := k
	if s := c.T.Find(k, "stream", "streams"); s >= 0 && s <= k+3 {
		c.Claim(k, s+1)
		at = s
	}
	name := c.kinesisName(at)
	s := spec.Resource{Type: "aws_kinesis_stream", Name: name}
	b := &s.Body
	b.Set("name", spec.String(ResourceName(name, 128)))
	c.kinesisCapacity(b)
	c.kinesisOptions(b)
	addr := c.Add(s)
	c.Understand("Kinesis data stream %s", addr)
}

// kinesisName reads "stream 'clickstream'", "stream named x", "stream
// clicks, 2 shards".
func (c *Ctx) kinesisName(at int) string {
	if raw, i, ok := c.T.dataName(at, true); ok {
		c.Claim(i, i+1)
		return raw
	}
	k := at + 1
	if c.T.isListWord(k) && (c.T.Toks[k].Break || c.T.Is(k+1, dataFillers...)) &&
		!c.T.Is(k, "on-demand", "stream", "streams", "shards", "shard", "retention", "encrypted") {
		c.Claim(k, k+1)
		return c.T.Raw(k)
	}
	c.Assume("aws_kinesis_stream.name", "no stream name given: %q", "stream")
	return "stream"
}

// kinesisOptions reads retention and encryption.
func (c *Ctx) kinesisOptions(b *spec.Body) {
	if i := c.T.Find(0, retainWords...); i >= 0 {
		if d, j, ok := c.T.durationNear(i, 4); ok {
			b.Set("retention_period", spec.Int(min(max(d/3600, 24), 8760)))
			c.Claim(j, j+1)
		}
	}
	if _, ok := wantsKMSKey(c.T); ok {
		b.Set("encryption_type", spec.String("KMS"))
		b.Set("kms_key_id", spec.RefTo(c.KMSKey("kinesis"), "key_id"))
	} else if c.T.Has("encrypted", "encryption") {
		b.Set("encryption_type", spec.String("KMS"))
		b.Set("kms_key_id", spec.String("alias/aws/kinesis"))
	}
}

// kinesisCapacity reads "2 shards" or "on-demand".
func (c *Ctx) kinesisCapacity(b *spec.Body) {
	if c.T.Has("on-demand", "ondemand") || c.T.HasPhrase("on demand") {
		b.AddBlock("stream_mode_details").Set("stream_mode", spec.String("ON_DEMAND"))
		return
	}
	shards := 1
	if i := c.T.Find(0, "shard", "shards"); i >= 0 {
		c.Claim(i, i+1)
		if n, _, ok := c.T.NumberBefore(i, 2); ok {
			shards = n
		} else if n, _, ok := c.T.NumberNear(i, 2); ok {
			shards = n
		}
	} else if n, ok := c.shardWord(); ok {
		shards = n
	} else {
		c.Assume("aws_kinesis_stream.shard_count", "no shard count named: 1 shard (provisioned)")
	}
	b.Set("shard_count", spec.Int(max(shards, 1)))
	b.AddBlock("stream_mode_details").Set("stream_mode", spec.String("PROVISIONED"))
}

// shardWord reads "a 4-shard stream".
func (c *Ctx) shardWord() (int, bool) {
	for i := 0; i < c.T.Len(); i++ {
		if m := nodeCountRe.FindStringSubmatch(c.T.Norm(i)); m != nil && m[2][:5] == "shard" {
			n := countWord(m[1])
			c.Claim(i, i+1)
			return n, true
		}
	}
	return 0, false
}
