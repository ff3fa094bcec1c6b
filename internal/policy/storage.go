package policy

import (
	"github.com/syncloud/syncloud/internal/spec"
)

// efsFileSystem encrypts file systems at rest (CKV_AWS_42).
func efsFileSystem(c *check, r *spec.Resource) {
	c.enforce(&r.Body, setting{id: "CKV_AWS_42", sev: High, attr: "encrypted", want: spec.Bool(true),
		safe: notFalse, reason: "file system encryption"})
}

// kinesisStream encrypts streams with the AWS managed key (CKV_AWS_43). An
// explicit "NONE" is kept with a High finding; a KMS stream without a key
// gets the AWS managed one, which KMS encryption needs.
func kinesisStream(c *check, r *spec.Resource) {
	c.enforce(&r.Body, setting{id: "CKV_AWS_43", sev: Medium, attr: "encryption_type", want: spec.String("KMS"),
		reason: "stream encryption"})
	if stringAttr(&r.Body, "encryption_type") == "KMS" && !r.Body.Has("kms_key_id") {
		r.Body.Set("kms_key_id", spec.String("alias/aws/kinesis"))
	}
}
