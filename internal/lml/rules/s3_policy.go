package rules

import (
	"regexp"

	"github.com/syncloud/syncloud/internal/spec"
)

// Bucket policies the prompt asks for: "only allow HTTPS" (deny insecure
// transport) and "give account 111122223333 read access". Statements for
// one bucket share one aws_s3_bucket_policy.

var accountIDRe = regexp.MustCompile(`^\d{12}$`)

func (st *s3State) policies(c *Ctx) {
	if tlsOnly(c.T) {
		for _, b := range st.allBuckets() {
			c.addBucketStatements(b, denyInsecure(b))
		}
		c.Understand("bucket policies deny requests without TLS")
	}
	for i := 0; i < c.T.Len(); i++ {
		if !accountIDRe.MatchString(c.T.Norm(i)) || c.T.Near(i, 3, "account", "accounts", "aws") < 0 {
			continue
		}
		c.Claim(i, i+1)
		for _, b := range st.bucketsNearOrAll(c, i) {
			c.addBucketStatements(b, accountAccess(c.T, i, b))
		}
		c.Understand("account %s may use the bucket", c.T.Norm(i))
	}
}

// tlsOnly reports "HTTPS only", "only allows TLS", "enforce encryption in
// transit", "deny insecure transport".
func tlsOnly(t *Text) bool {
	if t.HasPhrase("deny insecure|unencrypted|http", "secure transport", "securetransport", "in transit", "in-transit") &&
		!t.Has("redis", "valkey", "elasticache", "memcached") {
		return true
	}
	for _, i := range t.mentionsOf("https", "tls", "ssl") {
		if t.Near(i, 3, "only", "enforce", "enforced", "require", "required", "requires", "force", "forced") >= 0 &&
			!t.Has("cloudfront", "alb", "lb", "balancer", "listener", "api", "certificate", "acm") {
			return true
		}
	}
	return false
}

// bucketsNearOrAll returns the buckets of the mention nearest i, or every
// bucket.
func (st *s3State) bucketsNearOrAll(c *Ctx, i int) []s3Planned {
	if bs := st.bucketsAt(c, i); len(bs) > 0 {
		return bs
	}
	return st.allBuckets()
}

func denyInsecure(b s3Planned) Statement {
	return Statement{
		Sid:        "DenyInsecureTransport",
		Effect:     "Deny",
		Actions:    []string{"s3:*"},
		Resources:  []spec.Value{spec.RefTo(b.addr, "arn"), spec.String(b.arnGlob + "/*")},
		Principals: []Principal{{Type: "*", Identifiers: []string{"*"}}},
		Conditions: []Condition{{Test: "Bool", Variable: "aws:SecureTransport", Values: []string{"false"}}},
	}
}

// accountAccess grants another account read and/or write access, as the
// words around its ID say (read when unsaid).
func accountAccess(t *Text, i int, b s3Planned) Statement {
	var actions []string
	write := t.Near(i, 8, "write", "writes", "upload", "put", "read-write", "full") >= 0
	read := t.Near(i, 8, "read", "reads", "download", "get", "read-only", "readonly", "read-write", "full") >= 0 || !write
	if read {
		actions = append(actions, "s3:GetObject", "s3:ListBucket")
	}
	if write {
		actions = append(actions, "s3:PutObject")
	}
	return Statement{
		Sid:        "Account" + t.Norm(i),
		Actions:    actions,
		Resources:  []spec.Value{spec.RefTo(b.addr, "arn"), spec.String(b.arnGlob + "/*")},
		Principals: []Principal{{Type: "AWS", Identifiers: []string{"arn:aws:iam::" + t.Norm(i) + ":root"}}},
	}
}

// addBucketStatements appends statements to the bucket's policy document,
// adding the policy when the bucket has none.
func (c *Ctx) addBucketStatements(b s3Planned, stmts ...Statement) {
	for _, p := range c.Stack.OfType("aws_s3_bucket_policy") {
		if v, ok := p.Body.Get("bucket"); !ok || v.Kind != spec.KindRef || v.Ref.To != b.addr {
			continue
		}
		if doc, ok := refTarget(p.Body, "policy"); ok && doc.Type == "aws_iam_policy_document" {
			tmp := c.Stack.Find(c.PolicyDocument(doc.Name+"_more", stmts...))
			d := c.Stack.Find(doc)
			d.Body.Blocks = append(d.Body.Blocks, tmp.Body.Blocks...)
			c.Stack.Remove(tmp.Addr())
			return
		}
	}
	doc := c.PolicyDocument(b.addr.Name+"_policy", stmts...)
	pol := bucketSibling("aws_s3_bucket_policy", b)
	pol.Body.Set("policy", spec.RefTo(doc, "json"))
	c.Add(pol)
}
