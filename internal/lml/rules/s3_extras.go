package rules

import (
	"github.com/syncloud/syncloud/internal/spec"
)

// Less common bucket settings: server access logging into another bucket,
// Object Lock, Transfer Acceleration, requester pays, object ownership and
// force_destroy.

func (st *s3State) extras(c *Ctx) {
	st.accessLogging(c)
	st.objectLock(c)
	st.simpleSetting(c, []string{"acceleration", "accelerate", "accelerated"}, "aws_s3_bucket_accelerate_configuration",
		func(b *spec.Body) { b.Set("status", spec.String("Enabled")) })
	st.simpleSetting(c, []string{"requester-pays", "requester"}, "aws_s3_bucket_request_payment_configuration",
		func(b *spec.Body) { b.Set("payer", spec.String("Requester")) })
	if c.T.HasPhrase("acls disabled", "disable|disabled|no acls|acl", "bucket owner enforced", "bucketownerenforced") {
		for _, b := range st.allBuckets() {
			r := bucketSibling("aws_s3_bucket_ownership_controls", b)
			r.Body.AddBlock("rule").Set("object_ownership", spec.String("BucketOwnerEnforced"))
			c.Add(r)
		}
	}
	if c.T.HasPhrase("force destroy", "force-destroy", "force_destroy", "even if not empty", "even when not empty") {
		for _, b := range st.allBuckets() {
			c.Res(b.addr).Body.Set("force_destroy", spec.Bool(true))
			c.Assume(b.addr.String()+".force_destroy", "destroying the stack deletes every object in the bucket")
		}
	}
}

// simpleSetting adds one split resource for the buckets near a word.
func (st *s3State) simpleSetting(c *Ctx, words []string, typ string, fill func(*spec.Body)) {
	i := c.T.Find(0, words...)
	if i < 0 || c.T.Is(i, "requester") && !c.T.Is(i+1, "pays", "pay") {
		return
	}
	c.Claim(i, i+1)
	for _, b := range st.bucketsAt(c, i) {
		r := bucketSibling(typ, b)
		fill(&r.Body)
		c.Add(r)
		c.Understand("%s on %s", typ, b.addr)
	}
}

// accessLogging sends server access logs of the buckets near "access
// logs"/"logging" into a log bucket: one of the prompt's buckets named
// for logs, or a new one.
func (st *s3State) accessLogging(c *Ctx) {
	i := c.T.Phrase(0, "access|server logs|logging|log")
	if i < 0 {
		i = c.T.Find(0, "logging")
	}
	if i < 0 || c.T.Has("alb", "elb", "nlb", "cloudfront", "lb", "balancer", "cloudtrail", "flow") {
		return
	}
	c.Claim(i, i+2)
	if c.T.Is(i-1, "server") {
		c.Claim(i-1, i)
	}
	target, sources := st.logTarget(c)
	for _, b := range sources {
		if b.addr == target.addr {
			continue
		}
		r := bucketSibling("aws_s3_bucket_logging", b)
		r.Body.Set("target_bucket", spec.RefTo(target.addr, "id"))
		r.Body.Set("target_prefix", spec.String(b.addr.Name+"/"))
		c.Add(r)
		c.Understand("server access logs of %s go to %s", b.addr, target.addr)
	}
}

func (st *s3State) logTarget(c *Ctx) (s3Planned, []s3Planned) {
	all := st.allBuckets()
	for _, b := range all {
		if bucketCalled(b, "logs") || bucketCalled(b, "log") || bucketCalled(b, "logging") {
			return b, all
		}
	}
	if len(all) > 1 {
		return all[len(all)-1], all[:len(all)-1]
	}
	t := c.addBucket("", "access-logs", all[0].provider)
	st.mentions = append(st.mentions, &s3Mention{at: -100, buckets: []s3Planned{t}})
	c.Assume(t.addr.String(), "access logs need a bucket of their own: added one")
	return t, all
}

// objectLock turns on Object Lock ("object lock in compliance mode for 30
// days", "WORM").
func (st *s3State) objectLock(c *Ctx) {
	i := c.T.Phrase(0, "object lock|locking")
	if i < 0 {
		i = c.T.Find(0, "worm", "object-lock")
	}
	if i < 0 {
		return
	}
	c.Claim(i, i+2)
	mode := "GOVERNANCE"
	if c.T.Has("compliance") {
		mode = "COMPLIANCE"
	}
	days := 0
	if d, _, ok := c.T.durationNear(i, 10); ok {
		days = max(Days(d), 1)
	}
	for _, b := range st.bucketsAt(c, i) {
		c.Res(b.addr).Body.Set("object_lock_enabled", spec.Bool(true))
		c.enableVersioning(b)
		if days == 0 {
			continue
		}
		r := bucketSibling("aws_s3_bucket_object_lock_configuration", b)
		ret := r.Body.AddBlock("rule").AddBlock("default_retention")
		ret.Set("mode", spec.String(mode))
		ret.Set("days", spec.Int(days))
		c.Add(r)
		c.Understand("object lock on %s: %s for %d days", b.addr, mode, days)
	}
}
