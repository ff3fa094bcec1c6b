package rules

import (
	"github.com/syncloud/syncloud/internal/lml"
	"github.com/syncloud/syncloud/internal/spec"
)

// Replication: "replicate everything in bucket A to a backup bucket in
// us-west-2". The source is the first bucket named; the destination is the
// next one (or a new replica bucket in the destination region). Both get
// versioning, which S3 requires, and S3 assumes a role allowed to read the
// source and write the destination.

func (st *s3State) replication(c *Ctx) {
	i := replicationAt(c.T)
	if i < 0 {
		return
	}
	c.Claim(i, i+1)
	all := st.allBuckets()
	src := all[0]
	var dst s3Planned
	if len(all) > 1 {
		dst = all[1]
	} else {
		dst = st.replicaBucket(c, src)
	}
	c.enableVersioning(src)
	c.enableVersioning(dst)
	r := bucketSibling("aws_s3_bucket_replication_configuration", src)
	r.Body.Set("role", spec.RefTo(c.replicationRole(src, dst), "arn"))
	replicateAll(&r.Body, dst)
	for _, v := range c.Stack.OfType("aws_s3_bucket_versioning") {
		if b, ok := v.Body.Get("bucket"); ok && b.Kind == spec.KindRef && b.Ref.To == src.addr {
			r.DependsOn = append(r.DependsOn, v.Addr())
		}
	}
	c.Add(r)
	c.Understand("replication from %s to %s", src.addr, dst.addr)
}

// replicationAt returns the token asking for bucket replication, or -1
// when the replication words speak of tables or databases.
func replicationAt(t *Text) int {
	i := t.Find(0, "replicate", "replicated", "replication", "replicating", "crr", "cross-region", "srr")
	if i < 0 {
		i = t.Find(0, "replica", "mirror", "mirrored", "mirroring")
	}
	if i < 0 || t.Near(i, 8, "table", "dynamodb", "database", "db", "replica", "replicas", "read") >= 0 &&
		t.Near(i, 8, "bucket", "buckets", "s3") < 0 {
		return -1
	}
	return i
}

// replicateAll writes one rule replicating every object and delete marker.
func replicateAll(b *spec.Body, dst s3Planned) {
	rule := b.AddBlock("rule")
	rule.Set("id", spec.String("replicate-all"))
	rule.Set("status", spec.String("Enabled"))
	rule.AddBlock("filter")
	rule.AddBlock("delete_marker_replication").Set("status", spec.String("Enabled"))
	dest := rule.AddBlock("destination")
	dest.Set("bucket", spec.RefTo(dst.addr, "arn"))
	dest.Set("storage_class", spec.String("STANDARD"))
}

// replicaRegionOnly handles "replicate a new bucket to a backup bucket in
// us-west-2": the only region named is the replica's, so the source stays
// in the default region.
func (c *Ctx) replicaRegionOnly() {
	rs := c.T.Regions()
	if len(rs) != 1 || c.Net != nil || len(c.Stack.Resources) > 0 || rs[0].Code != c.Region() ||
		c.T.Find(0, "replicate", "replicated", "replication", "replicating", "crr", "cross-region", "mirror", "mirrored") < 0 {
		return
	}
	r := rs[0]
	if c.T.Phrase(max(r.At-5, 0), "backup|replica|destination|target|second|dr|secondary|mirror bucket|buckets") < 0 ||
		c.T.Phrase(max(r.At-5, 0), "backup|replica|destination|target|second|dr|secondary|mirror bucket|buckets") >= r.At {
		return
	}
	c.Stack.Region = lml.DefaultRegion
	c.Assume("region", "the only region named is the replica's (%s): the source bucket lives in %s", r.Code, lml.DefaultRegion)
}

func (st *s3State) allBuckets() []s3Planned {
	var out []s3Planned
	for _, m := range st.mentions {
		out = append(out, m.buckets...)
	}
	return out
}

// replicaBucket adds the destination bucket when only one was named, in
// the destination region when one is given.
func (st *s3State) replicaBucket(c *Ctx, src s3Planned) s3Planned {
	provider := ""
	for _, r := range c.T.Regions() {
		if r.Code != c.Region() {
			provider = c.regionAlias(r.Code)
			c.Claim(r.At, r.At+r.Len)
			break
		}
	}
	dst := c.addBucket("", src.addr.Name+"-replica", provider)
	st.mentions = append(st.mentions, &s3Mention{at: -100, buckets: []s3Planned{dst}})
	c.Assume(dst.addr.String(), "replication needs a destination: added a replica bucket")
	return dst
}

// replicationRole adds the role S3 assumes to replicate, with a policy
// limited to the two buckets.
func (c *Ctx) replicationRole(src, dst s3Planned) spec.Address {
	role := c.ServiceRole("s3_replication", "s3.amazonaws.com")
	doc := c.PolicyDocument("s3_replication", Statement{
		Actions:   []string{"s3:GetReplicationConfiguration", "s3:ListBucket"},
		Resources: []spec.Value{spec.RefTo(src.addr, "arn")},
	}, Statement{
		Actions:   []string{"s3:GetObjectVersionForReplication", "s3:GetObjectVersionAcl", "s3:GetObjectVersionTagging"},
		Resources: []spec.Value{spec.String(src.arnGlob + "/*")},
	}, Statement{
		Actions:   []string{"s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags"},
		Resources: []spec.Value{spec.String(dst.arnGlob + "/*")},
	})
	pol := spec.Resource{Type: "aws_iam_policy", Name: "s3_replication"}
	pol.Body.Set("name_prefix", spec.String("s3-replication-"))
	pol.Body.Set("policy", spec.RefTo(doc, "json"))
	c.AttachPolicy(role, spec.RefTo(c.Add(pol), "arn"))
	return role
}
