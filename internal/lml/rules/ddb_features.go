package rules

import (
	"github.com/syncloud/syncloud/internal/lml"
	"github.com/syncloud/syncloud/internal/spec"
)

// Table features beyond keys and billing, and the stream → Lambda link
// shared with Kinesis.

// tableIndexes adds a global secondary index: "a GSI called by-category
// on the category attribute (string)".
func (c *Ctx) tableIndexes(b *spec.Body, attrs *[]ddbAttr, start, end int) {
	g := c.indexMention(start, end)
	if g < 0 {
		return
	}
	name := "by-key"
	if raw, k, ok := c.T.dataName(g, true); ok {
		name = ResourceName(raw, 255)
		c.Claim(k, k+1)
		g = k
	}
	on := c.T.Find(g, "on", "keyed", "by", "key")
	key, k, ok := c.T.keyAfter(on)
	if on < 0 || !ok {
		c.Unplaced("global secondary index " + name + " (no key attribute named)")
		return
	}
	c.Claim(k, k+1)
	idx := addIndex(b, name, key.name)
	addAttr(attrs, key)
	desc := key.name
	if s := c.T.Phrase(k+1, "sort|range key"); s >= 0 && s <= k+5 && s < end {
		if rk, j, ok := c.T.keyAfter(s + 1); ok { // "... on status with sort key createdAt"
			c.Claim(s, j+1)
			idx.Set("range_key", spec.String(rk.name))
			addAttr(attrs, rk)
			desc += " and " + rk.name
		}
	}
	c.Understand("global secondary index %s on %s", name, desc)
}

// addAttr declares an attribute unless it already is.
func addAttr(attrs *[]ddbAttr, a ddbAttr) {
	for _, have := range *attrs {
		if have.name == a.name {
			return
		}
	}
	*attrs = append(*attrs, a)
}

// indexMention finds "global secondary index", "GSI" or "index" in
// [start, end) and returns its last word, or -1.
func (c *Ctx) indexMention(start, end int) int {
	g := c.T.Phrase(start, "global|secondary secondary|index index")
	if g < 0 {
		g = c.T.Find(start, "gsi", "index")
	}
	if g < 0 || g >= end {
		return -1
	}
	for c.T.Is(g+1, "secondary", "index") {
		g++
	}
	c.Claim(g-2, g+1)
	return g
}

// addIndex adds a GSI projecting every attribute, with the table's
// capacity when it is provisioned.
func addIndex(b *spec.Body, name, hashKey string) *spec.Body {
	idx := b.AddBlock("global_secondary_index")
	idx.Set("name", spec.String(name))
	idx.Set("hash_key", spec.String(hashKey))
	idx.Set("projection_type", spec.String("ALL"))
	if v, ok := b.Get("billing_mode"); ok && v.Str == "PROVISIONED" {
		rc, _ := b.Get("read_capacity")
		wc, _ := b.Get("write_capacity")
		idx.Set("read_capacity", rc)
		idx.Set("write_capacity", wc)
	}
	return idx
}

// tableFeatures reads TTL, streams, recovery, encryption, protection and
// replicas.
func (c *Ctx) tableFeatures(b *spec.Body) {
	if i := c.T.Find(0, "ttl", "expire", "expires", "expiry", "expiration", "expiring"); i >= 0 || c.T.HasPhrase("time to live") {
		if name, k, ok := c.T.attributeBefore(max(i, 0)); ok {
			c.Claim(k, k+1)
			ttl := b.AddBlock("ttl")
			ttl.Set("attribute_name", spec.String(name))
			ttl.Set("enabled", spec.Bool(true))
		}
	}
	if view, ok := c.streamView(); ok {
		b.Set("stream_enabled", spec.Bool(true))
		b.Set("stream_view_type", spec.String(view))
	}
	if c.T.Has("pitr", "point-in-time") || c.T.HasPhrase("point in time", "continuous backups|backup") {
		b.AddBlock("point_in_time_recovery").Set("enabled", spec.Bool(true))
	}
	if _, ok := wantsKMSKey(c.T); ok {
		sse := b.AddBlock("server_side_encryption")
		sse.Set("enabled", spec.Bool(true))
		sse.Set("kms_key_arn", spec.RefTo(c.KMSKey("dynamodb"), "arn"))
	}
	if deletionProtection(c.T) {
		b.Set("deletion_protection_enabled", spec.Bool(true))
	}
	if c.T.HasPhrase("infrequent access|accessed", "standard-ia|standard_infrequent_access table|class") {
		b.Set("table_class", spec.String("STANDARD_INFREQUENT_ACCESS"))
	}
	c.tableReplicas(b)
}

// streamView reads "streams (new and old images)", "stream of keys only".
func (c *Ctx) streamView() (string, bool) {
	i := c.T.Find(0, "stream", "streams", "streaming")
	if i < 0 || c.T.Has("kinesis") && c.T.Near(i, 3, "dynamodb", "table") < 0 {
		return "", false
	}
	c.Claim(i, i+1)
	newImg := c.T.Find(0, "new") >= 0 && c.T.Find(0, "image", "images") >= 0
	oldImg := c.T.Find(0, "old") >= 0 && c.T.Find(0, "image", "images") >= 0
	switch {
	case newImg && !oldImg:
		return "NEW_IMAGE", true
	case oldImg && !newImg:
		return "OLD_IMAGE", true
	case c.T.HasPhrase("keys only", "keys-only"):
		return "KEYS_ONLY", true
	}
	return "NEW_AND_OLD_IMAGES", true
}

// tableReplicas makes a global table: one replica per other region named.
func (c *Ctx) tableReplicas(b *spec.Body) {
	if !c.T.HasPhrase("global table|tables", "replicated|replicate|replica|replicas|replication") {
		return
	}
	c.replicaRegionsOnly()
	var regions []string
	for _, r := range c.T.Regions() {
		if r.Code != c.Region() && !dataContains(regions, r.Code) {
			regions = append(regions, r.Code)
			c.Claim(r.At, r.At+r.Len)
		}
	}
	if len(regions) == 0 {
		return
	}
	for _, r := range regions {
		b.AddBlock("replica").Set("region_name", spec.String(r))
	}
	b.Set("stream_enabled", spec.Bool(true))
	b.Set("stream_view_type", spec.String("NEW_AND_OLD_IMAGES"))
	if v, ok := b.Get("billing_mode"); !ok || v.Str != "PAY_PER_REQUEST" {
		c.Assume("aws_dynamodb_table.billing_mode", "global tables with provisioned capacity need autoscaling: consider on-demand")
	}
	c.Understand("global table replicas in %v", regions)
}

// replicaRegionsOnly handles "a global table with replicas in us-west-2
// and eu-central-1": every region named is a replica's, so the stack
// stays in the default region rather than in the first replica's.
func (c *Ctx) replicaRegionsOnly() {
	rs := c.T.Regions()
	if len(rs) == 0 || c.Net != nil || len(c.Stack.Resources) > 0 || rs[0].Code != c.Region() {
		return
	}
	for _, r := range rs {
		if !c.T.replicaBefore(r.At) || c.T.Near(r.At, 3, "primary", "home", "main", "mainly") >= 0 {
			return
		}
	}
	c.Stack.Region = lml.DefaultRegion
	c.Assume("region", "every region named holds a replica: the table itself lives in %s", lml.DefaultRegion)
}

// replicaBefore reports a replica word in the five tokens before i.
func (t *Text) replicaBefore(i int) bool {
	for k := max(i-5, 0); k < i; k++ {
		if t.Is(k, "replica", "replicas", "replicated", "replicate", "replication") {
			return true
		}
	}
	return false
}

// linkStreams connects DynamoDB and Kinesis streams to the prompt's Lambda
// function ("a table with streams that feeds a Lambda", "a Kinesis stream
// processed by a Lambda"), unless another family already did.
func linkStreams(c *Ctx) {
	fn := c.First("aws_lambda_function")
	if fn == nil {
		return
	}
	fa := fn.Addr()
	role, hasRole := refTarget(fn.Body, "role")
	for _, t := range c.Stack.OfType("aws_dynamodb_table") {
		if v, ok := t.Body.Get("stream_enabled"); ok && v.Bool && !c.hasMapping(t.Addr()) {
			c.addMapping(fa, t.Addr(), "stream_arn", role, hasRole, "service-AWSLambdaDynamoDBExecutionRole")
		}
	}
	for _, s := range c.Stack.OfType("aws_kinesis_stream") {
		if !c.hasMapping(s.Addr()) {
			c.addMapping(fa, s.Addr(), "arn", role, hasRole, "service-AWSLambdaKinesisExecutionRole")
		}
	}
}

func refTarget(b spec.Body, attr string) (spec.Address, bool) {
	v, ok := b.Get(attr)
	if !ok || v.Kind != spec.KindRef {
		return spec.Address{}, false
	}
	return v.Ref.To, true
}

func (c *Ctx) hasMapping(src spec.Address) bool {
	for _, m := range c.Stack.OfType("aws_lambda_event_source_mapping") {
		if a, ok := refTarget(m.Body, "event_source_arn"); ok && a == src {
			return true
		}
	}
	return false
}

func (c *Ctx) addMapping(fn, src spec.Address, attr string, role spec.Address, hasRole bool, policy string) {
	m := spec.Resource{Type: "aws_lambda_event_source_mapping", Name: src.Name}
	m.Body.Set("event_source_arn", spec.RefTo(src, attr))
	m.Body.Set("function_name", spec.RefTo(fn, "arn"))
	m.Body.Set("starting_position", spec.String("LATEST"))
	m.Body.Set("batch_size", spec.Int(100))
	if hasRole && role.Type == "aws_iam_role" {
		att := c.AttachPolicy(role, spec.String(ManagedPolicyARN(policy)))
		m.DependsOn = []spec.Address{att}
	}
	addr := c.Add(m)
	c.Understand("%s reads %s (%s)", fn, src, addr)
	c.Assume(addr.String()+".starting_position", "new records only (LATEST), batches of 100")
}
