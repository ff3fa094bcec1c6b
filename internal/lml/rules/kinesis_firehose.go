package rules

import (
	"github.com/syncloud/syncloud/internal/spec"
)

// Kinesis Data Firehose delivery streams into S3 ("a Firehose that
// delivers the clickstream into bucket raw-events, gzip, buffered 5 MB or
// 60 seconds"), reading from the prompt's Kinesis stream when there is one.

func firehoseFamily() family {
	return family{name: "firehose", stage: stageData, declare: declareFirehose}
}

func declareFirehose(c *Ctx) {
	at := c.T.Find(0, "firehose")
	if at < 0 {
		return
	}
	c.Claim(at, at+1)
	if c.T.Is(at-1, "kinesis", "amazon", "data") {
		c.Claim(at-1, at)
	}
	name := "delivery"
	if raw, k, ok := c.T.dataName(at, true); ok {
		name = raw
		c.Claim(k, k+1)
	}
	bucket := c.firehoseBucket()
	src, hasSrc := c.firehoseSource()
	role := c.firehoseRole(bucket, src, hasSrc)
	f := spec.Resource{Type: "aws_kinesis_firehose_delivery_stream", Name: name}
	f.Body.Set("name", spec.String(ResourceName(name, 64)))
	f.Body.Set("destination", spec.String("extended_s3"))
	if hasSrc {
		ks := f.Body.AddBlock("kinesis_source_configuration")
		ks.Set("kinesis_stream_arn", spec.RefTo(src, "arn"))
		ks.Set("role_arn", spec.RefTo(role, "arn"))
	}
	s3 := f.Body.AddBlock("extended_s3_configuration")
	s3.Set("role_arn", spec.RefTo(role, "arn"))
	s3.Set("bucket_arn", spec.RefTo(bucket.addr, "arn"))
	c.firehoseBuffering(s3)
	addr := c.Add(f)
	c.Understand("Firehose delivery stream %s into %s", addr, bucket.addr)
}

// firehoseBucket returns the prompt's bucket, or adds one for deliveries.
func (c *Ctx) firehoseBucket() s3Planned {
	if b := c.First("aws_s3_bucket"); b != nil {
		return plannedFor(b)
	}
	b := c.addBucket("", "firehose-delivery", "")
	c.Assume(b.addr.String(), "Firehose needs a destination: added a bucket")
	return b
}

func (c *Ctx) firehoseSource() (spec.Address, bool) {
	if s := c.First("aws_kinesis_stream"); s != nil {
		return s.Addr(), true
	}
	return spec.Address{}, false
}

// firehoseBuffering reads compression and buffer hints.
func (c *Ctx) firehoseBuffering(b *spec.Body) {
	switch {
	case c.T.Has("gzip", "gzipped", "gz"):
		b.Set("compression_format", spec.String("GZIP"))
	case c.T.Has("snappy"):
		b.Set("compression_format", spec.String("Snappy"))
	case c.T.Has("zip"):
		b.Set("compression_format", spec.String("ZIP"))
	}
	i := c.T.Find(0, "buffer", "buffered", "buffering", "batch", "batched")
	if i < 0 {
		return
	}
	if s, _, ok := c.T.sizeNear(i, 6); ok && s.MB() >= 1 && s.MB() <= 128 {
		b.Set("buffering_size", spec.Int(s.MB()))
	}
	if d, _, ok := c.T.durationNear(i, 8); ok && d >= 0 && d <= 900 {
		b.Set("buffering_interval", spec.Int(d))
	}
}

// firehoseRole adds the role Firehose assumes to read the source stream
// and write the bucket.
func (c *Ctx) firehoseRole(bucket s3Planned, src spec.Address, hasSrc bool) spec.Address {
	role := c.ServiceRole("firehose", "firehose.amazonaws.com")
	stmts := []Statement{{
		Actions: []string{"s3:AbortMultipartUpload", "s3:GetBucketLocation", "s3:GetObject", "s3:ListBucket",
			"s3:ListBucketMultipartUploads", "s3:PutObject"},
		Resources: []spec.Value{spec.RefTo(bucket.addr, "arn"), spec.String(bucket.arnGlob + "/*")},
	}}
	if hasSrc {
		stmts = append(stmts, Statement{
			Actions:   []string{"kinesis:DescribeStream", "kinesis:GetShardIterator", "kinesis:GetRecords", "kinesis:ListShards"},
			Resources: []spec.Value{spec.RefTo(src, "arn")},
		})
	}
	doc := c.PolicyDocument("firehose_delivery", stmts...)
	p := spec.Resource{Type: "aws_iam_role_policy", Name: "firehose_delivery"}
	p.Body.Set("role", spec.RefTo(role, "id"))
	p.Body.Set("policy", spec.RefTo(doc, "json"))
	c.Add(p)
	return role
}
