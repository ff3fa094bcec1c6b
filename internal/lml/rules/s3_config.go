package rules

import (
	"strings"

	"github.com/syncloud/syncloud/internal/spec"
)

// Bucket settings, each emitted as the provider's split resource
// (aws_s3_bucket_versioning, ..._server_side_encryption_configuration,
// ..._public_access_block, ..._cors_configuration) for the buckets of the
// mention the setting is written next to.

// otherNouns name things that are not buckets; a setting closer to one of
// them than to a bucket mention belongs to that thing.
var otherNouns = []string{"database", "db", "postgres", "postgresql", "mysql", "mariadb", "rds", "aurora",
	"table", "dynamodb", "queue", "topic", "instance", "instances", "cluster", "redis", "cache", "lambda",
	"function", "secret", "stream", "volume", "volumes", "disk", "ebs", "repository", "repo", "group"}

// dbArtefacts after "db" or "database" are things a bucket holds ("db
// snapshots", "database exports"), not a database.
var dbArtefacts = []string{"export", "exports", "snapshot", "snapshots", "dump", "dumps", "backup", "backups"}

// owner returns the bucket mention a setting written at token i belongs
// to, or nil when it sits closer to another service's noun. "all"/"both"
// /"each"/"every" right before the setting widen it to every mention that
// is a plural group.
func (st *s3State) owner(c *Ctx, i int) []*s3Mention {
	var best *s3Mention
	bestD := 1 << 30
	for _, m := range st.mentions {
		d := i - m.at
		if d < 0 {
			d = -d*2 + 1 // a setting usually follows its noun
		}
		if d < bestD {
			best, bestD = m, d
		}
	}
	if best == nil || bestD > 40 || st.otherNounBetween(c, best.at, i) {
		return nil
	}
	return []*s3Mention{best}
}

// otherNounBetween reports a noun of another service that the setting at
// i follows more closely than its bucket mention at ("a bucket and a
// table with streams"), or that it directly qualifies ("encrypted
// Postgres").
func (st *s3State) otherNounBetween(c *Ctx, at, i int) bool {
	if c.T.Is(i+1, otherNouns...) && !c.T.Is(i+2, "bucket", "buckets") {
		return true
	}
	for k := min(at, i) + 1; k < max(at, i); k++ {
		if c.T.Is(k, otherNouns...) && !c.T.Is(k+1, "bucket", "buckets") && k != at && !c.T.Is(k+1, dbArtefacts...) {
			return at < i
		}
	}
	if at > i { // a setting before its bucket: its own subject may come first ("backups kept 7 days")
		for k := i - 1; k >= 0 && k >= i-4 && !c.T.Toks[k].Break; k-- {
			if c.T.Is(k, otherNouns...) || c.T.Is(k, "backup", "backups", "snapshot", "snapshots", "logs") {
				return !c.T.Is(k+1, "bucket", "buckets")
			}
		}
	}
	return false
}

func dataAbs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// bucketsAt returns every bucket the setting at token i applies to: the
// buckets of its mention, or the one of them named right next to it
// ("versioning on the backups one").
func (st *s3State) bucketsAt(c *Ctx, i int) []s3Planned {
	var out []s3Planned
	for _, m := range st.owner(c, i) {
		out = append(out, m.buckets...)
	}
	if len(out) < 2 {
		return out
	}
	if c.T.Near(i, 3, "all", "both", "each", "every") >= 0 {
		return out
	}
	for d := 0; d <= 4; d++ {
		for _, k := range []int{i - d, i + d} {
			if st.isNameToken(k) {
				continue
			}
			for _, b := range out {
				if c.T.isListWord(k) && bucketCalled(b, LocalName(c.T.Norm(k))) {
					return []s3Planned{b}
				}
			}
		}
	}
	return out
}

// bucketCalled reports whether a bucket's local name is word or ends or
// starts with it ("acme_backups" for "backups").
func bucketCalled(b s3Planned, word string) bool {
	n := b.addr.Name
	return n == word || strings.HasSuffix(n, "_"+word) || strings.HasPrefix(n, word+"_")
}

// configure reads every bucket setting in the prompt.
func (st *s3State) configure(c *Ctx) {
	st.versioning(c)
	st.encryption(c)
	st.lifecycle(c)
	st.website(c)
	st.blockPublic(c)
	st.cors(c)
	st.extras(c)
	st.policies(c)
	st.bucketTags(c)
	st.replication(c)
	st.planNotify(c)
}

// bucketSibling starts a split resource for a bucket.
func bucketSibling(typ string, b s3Planned) spec.Resource {
	r := spec.Resource{Type: typ, Name: b.addr.Name, Provider: b.provider}
	r.Body.Set("bucket", spec.RefTo(b.addr, "id"))
	return r
}

// hasSibling reports whether a split resource of typ already serves b.
func (c *Ctx) hasSibling(typ string, b s3Planned) bool {
	for _, r := range c.Stack.OfType(typ) {
		if v, ok := r.Body.Get("bucket"); ok && v.Kind == spec.KindRef && v.Ref.To == b.addr {
			return true
		}
	}
	return false
}

func (st *s3State) versioning(c *Ctx) {
	for _, i := range c.T.mentionsOf("versioned", "versioning", "versions") {
		if c.T.Is(i+1, "off", "disabled", "suspended", "none") { // "versioning off"
			c.Claim(i, i+2)
			status := "Disabled"
			if c.T.Is(i+1, "suspended") {
				status = "Suspended"
			}
			for _, b := range st.bucketsAt(c, i) {
				c.versioningStatus(b, status)
			}
			continue
		}
		if c.T.Is(i-1, "no", "without", "disable", "disabled") || c.T.Is(i, "versions") && !c.T.Is(i-1, "object", "keep") {
			continue
		}
		c.Claim(i, i+1)
		for _, b := range st.bucketsAt(c, i) {
			c.enableVersioning(b)
		}
	}
	if stateBucket(c.T) {
		for _, m := range st.mentions {
			for _, b := range m.buckets {
				if !c.hasSibling("aws_s3_bucket_versioning", b) {
					c.enableVersioning(b)
					c.Assume(b.addr.String(), "state buckets keep versions so a bad state can be rolled back")
				}
			}
		}
	}
}

func (c *Ctx) enableVersioning(b s3Planned) { c.versioningStatus(b, "Enabled") }

// versioningStatus writes the bucket's versioning status: "Enabled", or, when
// the prompt says so, "Disabled" (a new bucket that states it keeps no
// versions) or "Suspended".
func (c *Ctx) versioningStatus(b s3Planned, status string) {
	if c.hasSibling("aws_s3_bucket_versioning", b) {
		return
	}
	r := bucketSibling("aws_s3_bucket_versioning", b)
	r.Body.AddBlock("versioning_configuration").Set("status", spec.String(status))
	c.Add(r)
	if status == "Enabled" {
		c.Understand("versioning on %s", b.addr)
		return
	}
	c.Understand("versioning %s on %s", strings.ToLower(status), b.addr)
}

func (st *s3State) encryption(c *Ctx) {
	for i := 0; i < c.T.Len(); i++ {
		algo := ""
		switch {
		case c.T.Is(i, "sse-s3", "aes256", "aes-256", "s3-managed"):
			algo = "AES256"
		case c.T.Is(i, "sse-kms", "kms-encrypted", "kms", "cmk", "customer-managed"):
			algo = "aws:kms"
		case c.T.Is(i, "encrypted", "encryption", "encrypt", "sse"):
			algo = "AES256"
			if c.T.Near(i, 6, "kms", "cmk", "sse-kms", "customer-managed", "kms-key") >= 0 {
				algo = "aws:kms"
			}
		default:
			continue
		}
		for _, b := range st.bucketsAt(c, i) {
			c.Claim(i, i+1)
			c.encryptBucket(b, algo)
		}
	}
}

func (c *Ctx) encryptBucket(b s3Planned, algo string) {
	for _, r := range c.Stack.OfType("aws_s3_bucket_server_side_encryption_configuration") {
		if v, ok := r.Body.Get("bucket"); ok && v.Kind == spec.KindRef && v.Ref.To == b.addr {
			if algo == "aws:kms" { // a KMS mention wins over a generic "encrypted"
				r.Body = spec.Body{}
				r.Body.Set("bucket", v)
				fillSSE(c, r, algo)
			}
			return
		}
	}
	r := bucketSibling("aws_s3_bucket_server_side_encryption_configuration", b)
	fillSSE(c, &r, algo)
	c.Add(r)
	c.Understand("default encryption %s on %s", algo, b.addr)
}

func fillSSE(c *Ctx, r *spec.Resource, algo string) {
	rule := r.Body.AddBlock("rule")
	def := rule.AddBlock("apply_server_side_encryption_by_default")
	def.Set("sse_algorithm", spec.String(algo))
	if algo != "aws:kms" {
		return
	}
	if _, ok := wantsKMSKey(c.T); ok {
		def.Set("kms_master_key_id", spec.RefTo(c.KMSKey("s3"), "arn"))
	}
	rule.Set("bucket_key_enabled", spec.Bool(true))
}

// blockPublic honours "block all public access".
func (st *s3State) blockPublic(c *Ctx) {
	for _, i := range c.T.mentionsOf("block", "blocks", "blocking", "blocked") {
		if c.T.Near(i, 3, "public") < 0 {
			continue
		}
		c.Claim(i, i+1)
		for _, b := range st.bucketsAt(c, i) {
			if c.hasSibling("aws_s3_bucket_public_access_block", b) {
				continue
			}
			r := bucketSibling("aws_s3_bucket_public_access_block", b)
			for _, f := range []string{"block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"} {
				r.Body.Set(f, spec.Bool(true))
			}
			c.Add(r)
			c.Understand("all public access blocked on %s", b.addr)
		}
	}
}

// corsMethods are the HTTP methods a CORS rule may allow.
var corsMethods = []string{"GET", "PUT", "POST", "DELETE", "HEAD"}

func (st *s3State) cors(c *Ctx) {
	i := c.T.Find(0, "cors", "cross-origin")
	if i < 0 {
		return
	}
	c.Claim(i, i+1)
	origins, methods := c.corsOrigins(), c.corsMethodsNear()
	for _, b := range st.bucketsAt(c, i) {
		r := bucketSibling("aws_s3_bucket_cors_configuration", b)
		rule := r.Body.AddBlock("cors_rule")
		rule.Set("allowed_headers", spec.Strings("*"))
		rule.Set("allowed_methods", spec.Strings(methods...))
		rule.Set("allowed_origins", spec.Strings(origins...))
		rule.Set("max_age_seconds", spec.Int(3000))
		c.Add(r)
		c.Understand("CORS on %s for %s (%s)", b.addr, strings.Join(origins, ", "), strings.Join(methods, ", "))
	}
}

// corsOrigins reads the URLs and domains allowed to call the bucket.
func (c *Ctx) corsOrigins() []string {
	var origins []string
	for _, u := range c.T.URLs() {
		origins = append(origins, strings.TrimRight(u.Value, "/"))
	}
	for _, d := range c.T.Domains() {
		if c.T.Near(d.At, 4, "origin", "origins", "app", "site", "from") >= 0 {
			origins = append(origins, "https://"+d.Value)
		}
	}
	if len(origins) == 0 {
		origins = []string{"*"}
		c.Assume("cors_rule.allowed_origins", "no origin named: allowing any origin")
	}
	return origins
}

// corsMethodsNear reads HTTP methods: written in capitals anywhere, or in
// lower case near the CORS request ("can get and put objects").
func (c *Ctx) corsMethodsNear() []string {
	var methods []string
	for k := 0; k < c.T.Len(); k++ {
		for _, m := range corsMethods {
			near := c.T.Norm(k) == strings.ToLower(m) && c.T.Near(k, 20, "cors", "cross-origin", "method", "methods") >= 0
			if (c.T.Raw(k) == m || near) && !dataContains(methods, m) {
				methods = append(methods, m)
			}
		}
	}
	if len(methods) == 0 {
		methods = []string{"GET"}
		c.Assume("cors_rule.allowed_methods", "no HTTP methods named: allowing GET")
	}
	return methods
}

func dataContains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// isNameToken reports whether token k lists bucket names ("raw, staged and
// curated"), which never single out one of them.
func (st *s3State) isNameToken(k int) bool {
	for _, m := range st.mentions {
		for _, n := range m.names {
			if n == k {
				return true
			}
		}
	}
	return false
}
