package policy

import (
	"strconv"

	"github.com/syncloud/syncloud/internal/spec"
)

const (
	s3PABType = "aws_s3_bucket_public_access_block"
	s3SSEType = "aws_s3_bucket_server_side_encryption_configuration"
)

// s3PABFlag is one public access block flag and its Checkov ID.
type s3PABFlag struct{ attr, id string }

// s3PABFlags returns the four public access block flags in schema order.
func s3PABFlags() []s3PABFlag {
	return []s3PABFlag{
		{"block_public_acls", "CKV_AWS_53"},
		{"block_public_policy", "CKV_AWS_54"},
		{"ignore_public_acls", "CKV_AWS_55"},
		{"restrict_public_buckets", "CKV_AWS_56"},
	}
}

// s3Bucket gives every bucket instance a public access block (CKV2_AWS_6)
// and a default encryption configuration (CKV_AWS_19) unless one already
// refers to it. A counted bucket gets one sibling per instance, named
// <bucket>_<i> and referring to the instance by index: a sibling cannot be
// counted itself, since a Stack has no count.index.
func s3Bucket(c *check, r *spec.Resource) {
	addr, provider, literal := r.Addr(), r.Provider, stringAttr(&r.Body, "bucket")
	inlineSSE := r.Body.Block("server_side_encryption_configuration") != nil
	for _, idx := range instances(r) {
		if findForBucket(c.stack, s3PABType, addr, idx, literal) == nil {
			pab := sibling(c.stack, s3PABType, addr, idx, provider)
			for _, f := range s3PABFlags() {
				pab.Body.Set(f.attr, spec.Bool(true))
			}
			c.stack.Add(pab)
			c.fixed("CKV2_AWS_6", High, "", "added %s blocking all public access", pab.Addr())
		}
		if !inlineSSE && findForBucket(c.stack, s3SSEType, addr, idx, literal) == nil {
			sse := sibling(c.stack, s3SSEType, addr, idx, provider)
			sse.Body.AddBlock("rule").AddBlock("apply_server_side_encryption_by_default").
				Set("sse_algorithm", spec.String("AES256"))
			c.stack.Add(sse)
			c.fixed("CKV_AWS_19", Medium, "", "added %s with AES256 default encryption", sse.Addr())
		}
	}
}

// instances lists the instance indexes to protect: spec.NoIndex for an
// uncounted resource, 0..Count-1 for a counted one.
func instances(r *spec.Resource) []int {
	if !r.Counted() {
		return []int{spec.NoIndex}
	}
	out := make([]int, r.Count)
	for i := range out {
		out[i] = i
	}
	return out
}

// findForBucket returns the resource of typ whose "bucket" argument is the
// bucket instance (by reference) or its literal name, or nil.
func findForBucket(s *spec.Stack, typ string, bucket spec.Address, idx int, literal string) *spec.Resource {
	for _, r := range s.OfType(typ) {
		v, ok := r.Body.Get("bucket")
		if !ok {
			continue
		}
		switch {
		case v.Kind == spec.KindRef && v.Ref.To == bucket && v.Ref.Index == idx:
			return r
		case v.Kind == spec.KindString && literal != "" && v.Str == literal:
			return r
		}
	}
	return nil
}

// sibling starts a resource of typ for one bucket instance, named after the
// bucket and living in the bucket's provider (region).
func sibling(s *spec.Stack, typ string, bucket spec.Address, idx int, provider string) spec.Resource {
	base := bucket.Name
	suffix := ""
	if idx >= 0 {
		suffix = "_" + strconv.Itoa(idx)
	}
	if max := 56 - len(suffix); len(base) > max { // room for UniqueName's "_NN"
		base = base[:max]
	}
	r := spec.Resource{Type: typ, Name: s.UniqueName(spec.Managed, typ, base+suffix), Provider: provider}
	if idx >= 0 {
		r.Body.Set("bucket", spec.RefIndex(bucket, idx, "id"))
	} else {
		r.Body.Set("bucket", spec.RefTo(bucket, "id"))
	}
	return r
}

// s3PublicAccessBlock completes an existing public access block: unset flags
// become true; a flag explicitly false (a public website was asked for) is
// kept with a High finding.
func s3PublicAccessBlock(c *check, r *spec.Resource) {
	for _, f := range s3PABFlags() {
		c.enforce(&r.Body, setting{id: f.id, sev: High, attr: f.attr, want: spec.Bool(true),
			safe: notFalse, reason: "S3 public access blocking"})
	}
}

// s3Encryption checks an existing encryption configuration names an
// algorithm. AES256 and aws:kms both satisfy CKV_AWS_19; aws:kms also
// satisfies CKV_AWS_145, which is not reported for AES256.
func s3Encryption(c *check, r *spec.Resource) {
	for _, rb := range r.Body.BlocksOf("rule") {
		if d := rb.Block("apply_server_side_encryption_by_default"); d != nil && d.Has("sse_algorithm") {
			return
		}
	}
	c.advise("CKV_AWS_19", Low, "rule", "no default encryption algorithm is set; S3 falls back to SSE-S3")
}
