package policy

import (
	"github.com/syncloud/syncloud/internal/spec"
)

// publicPolicy reports resource policies with an Allow statement for any
// principal and no condition: S3 (CKV_AWS_70), SQS (CKV_AWS_168) and SNS
// (CKV_AWS_169). A public website bucket asks for exactly this, so the
// statement is kept.
func publicPolicy(id string) func(c *check, r *spec.Resource) {
	return func(c *check, r *spec.Resource) {
		stmts, ok := c.policyStatements(r, "policy")
		if !ok {
			return
		}
		for _, st := range stmts {
			if (st.effect == "" || st.effect == "Allow") && st.anyone && !st.conditioned {
				c.requested(id, High, "policy", "a statement allows anyone (Principal \"*\") without a condition; kept as requested")
			}
		}
	}
}

// s3ACL reports canned ACLs that open a bucket to everyone: read
// (CKV_AWS_20) or, worse, write (CKV_AWS_57).
func s3ACL(c *check, r *spec.Resource) {
	switch stringAttr(&r.Body, "acl") {
	case "public-read", "authenticated-read":
		c.requested("CKV_AWS_20", High, "acl", "a public-read ACL was explicitly requested and is kept")
	case "public-read-write":
		c.requested("CKV_AWS_57", Critical, "acl", "a public-read-write ACL was explicitly requested and is kept: anyone may write to the bucket")
	}
}
