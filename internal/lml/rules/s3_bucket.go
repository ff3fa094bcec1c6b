package rules

import (
	"strings"

	"github.com/syncloud/syncloud/internal/spec"
)

// S3 buckets. Every mention of a bucket ("an S3 bucket", "a second bucket",
// "three buckets — raw, staged and curated") asks for new buckets unless it
// refers back ("the bucket", "that bucket"); the settings written near a
// mention (versioning, encryption, lifecycle, website, CORS, replication,
// notifications) apply to that mention's buckets.

// s3State carries one draft's bucket plans from declare to link.
type s3State struct {
	mentions []*s3Mention
	notify   *s3NotifyPlan
}

// s3Mention is one place the prompt asks for buckets, and what it made.
type s3Mention struct {
	at      int   // token of the bucket noun
	names   []int // tokens listing the buckets' names, if any
	buckets []s3Planned
}

// s3Planned is one bucket placed for a mention.
type s3Planned struct {
	addr     spec.Address
	provider string
	arnGlob  string // "arn:aws:s3:::name" or "arn:aws:s3:::prefix-*"
}

func s3Family() family {
	st := &s3State{}
	return family{name: "s3", stage: stageData, declare: st.declare, link: st.link}
}

func (st *s3State) declare(c *Ctx) {
	*st = s3State{}
	mentions := s3MentionsIn(c.T)
	if len(mentions) > 0 {
		c.replicaRegionOnly()
	}
	for _, at := range mentions {
		c.Claim(at, at+1)
		if c.T.Is(at-1, "s3", "amazon") {
			c.Claim(at-1, at)
		}
		if st.refersBack(c, at) || flowLogBucket(c, at) {
			continue
		}
		if m, ok := c.existingBuckets(at); ok {
			st.mentions = append(st.mentions, m)
			continue
		}
		st.mentions = append(st.mentions, c.planBuckets(at))
	}
	if len(st.mentions) == 0 {
		return
	}
	st.configure(c)
}

// s3MentionsIn returns the tokens naming buckets: "bucket(s)", and "S3"
// used as a noun when no bucket word appears ("a static website on S3").
func s3MentionsIn(t *Text) []int {
	if grantsOnExisting(t) {
		return nil
	}
	ms := t.mentionsOf("bucket", "buckets")
	if len(ms) > 0 {
		return ms
	}
	for i := 0; i < t.Len(); i++ {
		if t.Norm(i) == "s3" && t.Near(i, 3, s3AccessWords...) < 0 {
			return []int{i}
		}
	}
	return nil
}

// s3AccessWords around "S3" speak of access to S3, not of a new bucket
// ("read from S3", "an S3 gateway endpoint", "S3 read-only policy").
var s3AccessWords = []string{"endpoint", "endpoints", "gateway", "vpce", "permission", "permissions", "policy",
	"access", "read-only", "readonly", "full", "read", "reads", "reading", "write", "writes", "role", "profile",
	"amazons3readonlyaccess", "amazons3fullaccess", "managed"}

// grantsOnExisting reports prompts that grant IAM actions on a bucket that
// already exists ("a policy allowing s3:GetObject on bucket my-data").
func grantsOnExisting(t *Text) bool {
	for i := 0; i < t.Len(); i++ {
		n := t.Norm(i)
		if strings.HasPrefix(n, "arn:aws:s3") || strings.HasPrefix(n, "s3:") && !strings.HasPrefix(n, "s3:object") {
			return t.Has("policy", "role", "permission", "permissions", "user", "group", "allow", "allowing", "grant")
		}
	}
	return false
}

// mentionsOf returns the tokens matching words, skipping those inside an
// ARN or a key=value.
func (t *Text) mentionsOf(words ...string) []int {
	var out []int
	for i := 0; i < t.Len(); i++ {
		if t.Is(i, words...) && !t.Toks[i].Quoted {
			out = append(out, i)
		}
	}
	return out
}

// planBuckets adds the buckets one mention asks for.
func (c *Ctx) planBuckets(at int) *s3Mention {
	m := &s3Mention{at: at}
	names := c.bucketListNames(at)
	m.names = names
	n := c.T.smallCount(at, 3, 20)
	if len(names) > 0 {
		n = len(names)
	}
	provider, region := c.bucketRegion(at)
	for i := 0; i < n; i++ {
		var p s3Planned
		if i < len(names) && c.T.namesAreLiteral(names) {
			p = c.addBucket(BucketName(c.T.Raw(names[i])), "", provider)
		} else if i < len(names) {
			p = c.addBucket("", c.T.Norm(names[i]), provider)
		} else {
			literal, prefix := c.singleBucketName(at)
			p = c.addBucket(literal, prefix, provider)
		}
		m.buckets = append(m.buckets, p)
	}
	var locals []string
	for _, b := range m.buckets {
		locals = append(locals, b.addr.Name)
	}
	where := ""
	if region != "" {
		where = " in " + region
	}
	c.Understand("%d × S3 bucket%s (%s)", n, where, strings.Join(locals, ", "))
	return m
}

// bucketListNames reads the names of several buckets around a plural
// mention: "raw and curated S3 buckets", "buckets named logs, media and
// backups", "three buckets for our data lake — raw, staged and curated".
func (c *Ctx) bucketListNames(at int) []int {
	if !strings.HasSuffix(c.T.Norm(at), "s") {
		return nil
	}
	last := at - 1
	if c.T.Is(last, "s3", "amazon") {
		last--
	}
	if ks := c.T.enumeration(last); ks != nil {
		c.Claim(ks[0], last+1)
		return ks
	}
	for j := at + 1; j < c.T.Len() && j <= at+10; j++ {
		if j > at+1 && !c.T.Toks[j-1].Break && !c.T.Is(j-1, "called", "named", "for", "namely") {
			continue
		}
		if ks := c.T.enumerationFrom(j); ks != nil {
			if back := c.T.enumeration(ks[len(ks)-1]); len(back) > len(ks) {
				ks = back // "for the environments dev, test, staging and prod"
			}
			c.Claim(ks[0], ks[len(ks)-1]+1)
			return ks
		}
	}
	return nil
}

// singleBucketName returns the literal bucket name the user gave, or a
// name prefix derived from the words around the mention.
func (c *Ctx) singleBucketName(at int) (literal, prefix string) {
	if raw, k, ok := c.T.dataName(at, true); ok {
		c.Claim(k, k+1)
		return BucketName(raw), ""
	}
	if stateBucket(c.T) {
		return "", "tfstate"
	}
	before := at - 1
	if c.T.Is(before, "s3", "amazon") {
		before--
	}
	if c.T.isListWord(before) && !c.T.Toks[before].Break && c.T.Norm(before) != "s3" {
		return "", c.T.Norm(before)
	}
	if c.T.isListWord(at+1) && !c.T.Toks[at].Break && !c.T.Is(at+1, bucketSettingWords...) &&
		(c.T.Toks[at+1].Break || c.T.Is(at+2, dataFillers...)) {
		return "", c.T.Norm(at + 1)
	}
	if c.T.Is(at+1, "for") && c.T.isListWord(at+2) {
		// what the bucket holds ("for db snapshots") names it and asks for
		// nothing else
		if c.T.isListWord(at+3) && !c.T.Toks[at+2].Break {
			c.Claim(at+2, at+4)
			return "", c.T.Norm(at+2) + "-" + c.T.Norm(at+3)
		}
		c.Claim(at+2, at+3)
		return "", c.T.Norm(at + 2)
	}
	return "", ""
}

// bucketSettingWords follow "bucket" as a setting, never as its name.
var bucketSettingWords = []string{"versioning", "lifecycle", "policy", "policies", "notification", "notifications",
	"website", "replication", "hosting", "encryption", "cors", "access", "logging", "events", "event", "rules",
	"rule", "tags", "tagged", "keys", "key", "objects", "object", "name", "names", "storage", "in", "on"}

// addBucket adds one bucket with a literal name or a name prefix.
func (c *Ctx) addBucket(literal, prefix, provider string) s3Planned {
	local := literal
	if local == "" {
		local = prefix
	}
	if local == "" {
		local = "bucket"
	}
	b := spec.Resource{Type: "aws_s3_bucket", Name: local, Provider: provider}
	var glob string
	if literal != "" {
		b.Body.Set("bucket", spec.String(literal))
		glob = "arn:aws:s3:::" + literal
	} else {
		if prefix == "" {
			prefix = "syncloud"
		}
		bp := BucketName(prefix) + "-"
		b.Body.Set("bucket_prefix", spec.String(bp))
		glob = "arn:aws:s3:::" + bp + "*"
	}
	addr := c.Add(b)
	if literal == "" {
		c.Assume(addr.String()+".bucket_prefix", "no bucket name given: S3 appends a unique suffix to %q", prefix+"-")
	}
	return s3Planned{addr: addr, provider: provider, arnGlob: glob}
}

// bucketRegion reads "bucket in us-west-2" for a bucket outside the
// stack's region, and returns the provider alias serving that region.
func (c *Ctx) bucketRegion(at int) (provider, region string) {
	for _, r := range c.T.Regions() {
		if r.At <= at || r.At > at+4 || r.Code == c.Region() {
			continue
		}
		c.Claim(r.At, r.At+r.Len)
		return c.regionAlias(r.Code), r.Code
	}
	return "", ""
}

// regionAlias returns the name of a provider alias for region, adding it
// to the stack when missing.
func (c *Ctx) regionAlias(region string) string {
	name := strings.ReplaceAll(region, "-", "_")
	for _, a := range c.Stack.Aliases {
		if a.Region == region {
			return a.Name
		}
	}
	c.Stack.Aliases = append(c.Stack.Aliases, spec.Alias{Name: name, Region: region})
	return name
}

// refersBack reports whether the mention at token at points at a bucket
// already placed: "the bucket", "that bucket", "the raw bucket" when a
// bucket called raw exists.
func (st *s3State) refersBack(c *Ctx, at int) bool {
	if len(st.mentions) == 0 {
		return false
	}
	if c.T.Is(at-1, referBack...) {
		return true
	}
	if !c.T.Is(at-2, referBack...) || c.T.Toks[at-2].Break {
		return false
	}
	name := LocalName(c.T.Norm(at - 1))
	for _, m := range st.mentions {
		for _, b := range m.buckets {
			if b.addr.Name == name {
				return true
			}
		}
	}
	return false
}

// namesAreLiteral reports whether listed names are real bucket names
// ("named acme-media and acme-backups") rather than roles ("raw and
// curated").
func (t *Text) namesAreLiteral(ks []int) bool {
	if t.Is(ks[0]-1, "named", "called") {
		return true
	}
	for _, k := range ks {
		if !t.looksLikeName(k) {
			return false
		}
	}
	return true
}

// stateBucket reports prompts asking for a Terraform state bucket.
func stateBucket(t *Text) bool {
	return t.HasPhrase("terraform|tf|opentofu state", "tfstate", "state bucket|file|files", "backend for terraform|tf",
		"terraform|tf|s3 backend|backends", "remote state")
}

// flowLogBucket reports a bucket that receives VPC flow logs ("flow logs
// to S3"), which the network family places with the flow log.
func flowLogBucket(c *Ctx, at int) bool {
	for k := max(at-6, 0); k < at; k++ {
		if c.T.Is(k, "flow") && c.T.Is(k+1, "log", "logs", "logging") {
			return c.First("aws_flow_log") != nil || c.Stack.Find(spec.Address{Type: "aws_s3_bucket", Name: "flow_logs"}) != nil
		}
	}
	return false
}

// existingBuckets reads "my bucket", "the existing bucket", "bucket
// acme-logs" as the buckets already in the stack the prompt edits.
func (c *Ctx) existingBuckets(at int) (*s3Mention, bool) {
	have := c.Stack.OfType("aws_s3_bucket")
	if len(have) == 0 {
		return nil, false
	}
	m := &s3Mention{at: at}
	if raw, k, ok := c.T.dataName(at, true); ok {
		for _, r := range have {
			if v, _ := r.Body.Get("bucket"); v.Str == BucketName(raw) || r.Name == LocalName(raw) {
				c.Claim(k, k+1)
				m.buckets = append(m.buckets, plannedFor(r))
			}
		}
		return m, len(m.buckets) > 0
	}
	if named := c.existingNamed(at, "aws_s3_bucket"); len(named) > 0 {
		for _, r := range named {
			m.buckets = append(m.buckets, plannedFor(r))
		}
		return m, true
	}
	if !c.T.Is(at-1, "my", "our", "the", "existing", "current", "that", "this") && !c.T.Is(at-2, "my", "our", "existing", "current") {
		return nil, false
	}
	for _, r := range have {
		m.buckets = append(m.buckets, plannedFor(r))
	}
	return m, true
}

// plannedFor describes a bucket already in the stack.
func plannedFor(r *spec.Resource) s3Planned {
	p := s3Planned{addr: r.Addr(), provider: r.Provider, arnGlob: "arn:aws:s3:::*"}
	if v, ok := r.Body.Get("bucket"); ok && v.Kind == spec.KindString {
		p.arnGlob = "arn:aws:s3:::" + v.Str
	} else if v, ok := r.Body.Get("bucket_prefix"); ok && v.Kind == spec.KindString {
		p.arnGlob = "arn:aws:s3:::" + v.Str + "*"
	}
	return p
}
