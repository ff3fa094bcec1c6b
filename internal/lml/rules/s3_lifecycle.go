package rules

import (
	"strings"

	"github.com/syncloud/syncloud/internal/spec"
)

// Lifecycle rules ("move to Glacier after 30 days and delete after a
// year") and static website hosting.

// s3Transition is one "after N days, move to CLASS".
type s3Transition struct {
	days  int
	class string
}

// storageClassAt reads an S3 storage class starting at token i and how
// many tokens it used.
func (t *Text) storageClassAt(i int) (string, int) {
	switch {
	case t.Is(i, "glacier") && t.Is(i+1, "deep") || t.Is(i, "deep") && t.Is(i+1, "archive"):
		return "DEEP_ARCHIVE", 2 + boolInt(t.Is(i+2, "archive") && t.Is(i, "glacier"))
	case t.Is(i, "deep_archive", "deep-archive"):
		return "DEEP_ARCHIVE", 1
	case t.Is(i, "glacier") && t.Is(i+1, "instant"), t.Is(i, "glacier-ir", "glacier_ir"):
		return "GLACIER_IR", 1
	case t.Is(i, "glacier", "glacier-flexible"):
		return "GLACIER", 1
	case t.Is(i, "standard-ia", "standard_ia", "standardia", "s3-ia"), t.Is(i, "infrequent") && !t.Is(i-1, "one"):
		return "STANDARD_IA", 1
	case t.Is(i, "onezone-ia", "onezone_ia", "one-zone-ia", "one-zone"), t.Is(i, "one") && t.Is(i+1, "zone", "zone-ia"):
		return "ONEZONE_IA", 2
	case t.Is(i, "intelligent") && t.Is(i+1, "tiering", "tier"):
		return "INTELLIGENT_TIERING", 2
	case t.Is(i, "intelligent-tiering", "intelligent_tiering", "intelligent"):
		return "INTELLIGENT_TIERING", 1
	case t.Norm(i) == "ia":
		return "STANDARD_IA", 1
	}
	return "", 0
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// daysInClause returns the duration in days nearest token i inside its
// clause, skipping durations already used.
func (t *Text) daysInClause(i int, used map[int]bool) (int, int, bool) {
	start, end := t.Clause(i)
	var cands []Located[int]
	for _, d := range t.Durations() {
		if d.At >= start-1 && d.At < end && !used[d.At] {
			cands = append(cands, d)
		}
	}
	d, ok := Nearest(cands, i, 12)
	if !ok {
		return 0, -1, false
	}
	return max(Days(d.Value), 1), d.At, true
}

// immediateAt returns the token saying a transition happens at once
// ("straight away", "immediately", "day 0"), in i's clause, or -1.
func (t *Text) immediateAt(i int) int {
	start, end := t.Clause(i)
	for k := max(start-1, 0); k < end; k++ {
		switch {
		case t.Is(k, "immediately", "instantly", "upfront", "up-front"):
			return k
		case t.Is(k, "straight", "right") && t.Is(k+1, "away"), t.Is(k, "day") && t.Is(k+1, "0", "zero"):
			return k
		case t.Is(k, "on", "at") && t.Is(k+1, "upload", "creation", "arrival"):
			return k
		}
	}
	return -1
}

// transitionDays keeps a transition within what S3 allows: the
// infrequent-access classes need objects at least 30 days old.
func (c *Ctx) transitionDays(class string, days int) int {
	if (class == "STANDARD_IA" || class == "ONEZONE_IA") && days < 30 {
		c.Assume("aws_s3_bucket_lifecycle_configuration.rule.transition", "S3 moves objects to %s after 30 days at the earliest", class)
		return 30
	}
	return days
}

// s3Rules is what one lifecycle rule does.
type s3Rules struct {
	trans            []s3Transition
	exp, nonc, abort int
}

func (st *s3State) lifecycle(c *Ctx) {
	used := map[int]bool{}
	var r s3Rules
	at := -1
	for i := 0; i < c.T.Len(); i++ {
		class, n := c.T.storageClassAt(i)
		if class == "" {
			continue
		}
		days, k, ok := c.T.daysInClause(i, used)
		if !ok {
			k = c.T.immediateAt(i)
			ok = k >= 0
		}
		if ok {
			used[k] = true
			r.trans = append(r.trans, s3Transition{days: c.transitionDays(class, days), class: class})
			c.Claim(i, i+n)
			at = i
		}
		i += n - 1
	}
	expAt, noncAt, abortAt := -1, -1, -1
	r.exp, expAt = st.expirationDays(c, used)
	r.nonc, noncAt = c.noncurrentDays(used)
	r.abort, abortAt = c.abortMultipartDays(used)
	for _, k := range []int{expAt, noncAt, abortAt} {
		if at < 0 {
			at = k
		}
	}
	if at < 0 {
		return
	}
	for _, b := range st.bucketsAt(c, at) {
		c.addLifecycle(b, r)
		if r.nonc > 0 && !c.hasSibling("aws_s3_bucket_versioning", b) {
			c.enableVersioning(b)
			c.Assume(b.addr.String(), "old versions exist only in a versioned bucket: versioning is on")
		}
	}
}

// expirationDays reads "delete them after a year", "expire objects after
// 90 days", "keeping only the last 30 days", skipping words that belong to
// another service ("keep backups for 7 days" of a database).
func (st *s3State) expirationDays(c *Ctx, used map[int]bool) (int, int) {
	for _, i := range c.T.mentionsOf("delete", "deleted", "deletes", "expire", "expires", "expired", "expiration",
		"expiry", "removed", "remove", "purge", "purged", "keep", "kept", "keeping", "retain", "retained", "retaining",
		"gone", "erased", "erase", "wiped", "wipe") {
		if c.T.Near(i, 3, "noncurrent", "non-current", "versions", "version", "previous", "old", "multipart") >= 0 ||
			st.owner(c, i) == nil {
			continue
		}
		if days, k, ok := c.T.daysInClause(i, used); ok {
			used[k] = true
			c.Claim(i, i+1)
			return days, i
		}
	}
	return 0, -1
}

// abortMultipartDays reads "abort incomplete multipart uploads after 7
// days" (7 when no duration is given).
func (c *Ctx) abortMultipartDays(used map[int]bool) (int, int) {
	i := c.T.Find(0, "multipart", "multi-part")
	if i < 0 {
		return 0, -1
	}
	c.Claim(i, i+1)
	if days, k, ok := c.T.daysInClause(i, used); ok {
		used[k] = true
		return days, i
	}
	return 7, i
}

// noncurrentDays reads "delete old versions after 30 days".
func (c *Ctx) noncurrentDays(used map[int]bool) (int, int) {
	for _, i := range c.T.mentionsOf("noncurrent", "non-current", "previous", "old") {
		if !c.T.Is(i, "noncurrent", "non-current") && !c.T.Is(i+1, "versions", "version", "object") {
			continue
		}
		if days, k, ok := c.T.daysInClause(i, used); ok {
			used[k] = true
			c.Claim(i, i+2)
			return days, i
		}
	}
	return 0, -1
}

func (c *Ctx) addLifecycle(b s3Planned, r s3Rules) {
	res := bucketSibling("aws_s3_bucket_lifecycle_configuration", b)
	rule := res.Body.AddBlock("rule")
	rule.Set("id", spec.String("lifecycle"))
	rule.Set("status", spec.String("Enabled"))
	rule.AddBlock("filter")
	var parts []string
	for _, t := range r.trans {
		tb := rule.AddBlock("transition")
		tb.Set("days", spec.Int(t.days))
		tb.Set("storage_class", spec.String(t.class))
		parts = append(parts, t.class+" after "+itoaData(t.days)+" days")
	}
	if r.exp > 0 {
		rule.AddBlock("expiration").Set("days", spec.Int(r.exp))
		parts = append(parts, "expire after "+itoaData(r.exp)+" days")
	}
	if r.nonc > 0 {
		rule.AddBlock("noncurrent_version_expiration").Set("noncurrent_days", spec.Int(r.nonc))
		parts = append(parts, "old versions expire after "+itoaData(r.nonc)+" days")
	}
	if r.abort > 0 {
		rule.AddBlock("abort_incomplete_multipart_upload").Set("days_after_initiation", spec.Int(r.abort))
		parts = append(parts, "incomplete uploads aborted after "+itoaData(r.abort)+" days")
	}
	c.Add(res)
	c.Understand("lifecycle on %s: %s", b.addr, strings.Join(parts, ", "))
}

func itoaData(n int) string { return spec.Int(n).GoString() }

// website turns on static website hosting; "public" also opens the bucket
// for anonymous reads, the only case where public access is allowed.
func (st *s3State) website(c *Ctx) {
	i := c.T.Find(0, "website", "site", "hosting")
	if i < 0 || c.T.Has("cloudfront", "cdn", "distribution") {
		return
	}
	if c.T.Is(i, "site", "hosting") && c.T.Near(i, 3, "static", "web", "host", "hosted") < 0 {
		return
	}
	c.Claim(i, i+1)
	index, errDoc := c.websiteDocs()
	for _, b := range st.bucketsAt(c, i) {
		r := bucketSibling("aws_s3_bucket_website_configuration", b)
		r.Body.AddBlock("index_document").Set("suffix", spec.String(index))
		r.Body.AddBlock("error_document").Set("key", spec.String(errDoc))
		c.Add(r)
		c.Understand("static website on %s (index %s, errors %s)", b.addr, index, errDoc)
		if c.T.Has("public", "publicly", "anonymous", "anyone") {
			c.publicRead(b)
		}
	}
}

// websiteDocs reads the index and error documents ("index.html as the
// index page and 404.html for errors").
func (c *Ctx) websiteDocs() (index, errDoc string) {
	index, errDoc = "index.html", "error.html"
	foundIndex := false
	for i := 0; i < c.T.Len(); i++ {
		n := c.T.Norm(i)
		if !strings.HasSuffix(n, ".html") && !strings.HasSuffix(n, ".htm") {
			continue
		}
		c.Claim(i, i+1)
		if c.T.errorDocBefore(i) || strings.Contains(n, "404") || strings.Contains(n, "error") {
			errDoc = c.T.Raw(i)
		} else if !foundIndex {
			index, foundIndex = c.T.Raw(i), true
		}
	}
	return index, errDoc
}

// errorDocBefore reports "error"/"404" among the words of i's clause
// before it, back to the previous document or an index word ("errors
// should go to oops.html"), or right after it ("404.html for errors").
func (t *Text) errorDocBefore(i int) bool {
	for k := i - 1; k >= 0 && k >= i-6 && !t.Toks[k].Break; k-- {
		if n := t.Norm(k); strings.HasSuffix(n, ".html") || strings.HasSuffix(n, ".htm") ||
			t.Is(k, "index", "home", "main", "root", "default", "landing") {
			return false
		}
		if t.Is(k, "error", "errors", "404", "not-found", "missing") {
			return true
		}
	}
	return t.Is(i+2, "error", "errors") && t.Is(i+1, "for", "on", "as")
}

// publicRead opens a website bucket for anonymous reads: a public access
// block that lets a public bucket policy through (ACLs stay blocked) and a
// bucket policy allowing s3:GetObject.
func (c *Ctx) publicRead(b s3Planned) {
	pab := bucketSibling("aws_s3_bucket_public_access_block", b)
	pab.Body.Set("block_public_acls", spec.Bool(true)) // reads come from the policy; ACLs stay blocked
	pab.Body.Set("block_public_policy", spec.Bool(false))
	pab.Body.Set("ignore_public_acls", spec.Bool(true))
	pab.Body.Set("restrict_public_buckets", spec.Bool(false))
	pabAddr := c.Add(pab)
	doc := c.PolicyDocument(b.addr.Name+"_public_read", Statement{
		Sid:        "PublicReadGetObject",
		Actions:    []string{"s3:GetObject"},
		Resources:  []spec.Value{spec.String(b.arnGlob + "/*")},
		Principals: []Principal{{Type: "*", Identifiers: []string{"*"}}},
	})
	pol := bucketSibling("aws_s3_bucket_policy", b)
	pol.Body.Set("policy", spec.RefTo(doc, "json"))
	pol.DependsOn = []spec.Address{pabAddr}
	c.Add(pol)
	c.Understand("public read access on %s (a public website was asked for)", b.addr)
	c.Assume(b.addr.String(), "a public website needs anonymous s3:GetObject: public access blocking is off for this bucket")
}
