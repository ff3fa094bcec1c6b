package policy

import (
	"github.com/syncloud/syncloud/internal/spec"
)

// snsTopic encrypts topics with the AWS managed key (CKV_AWS_26). An empty
// key id, which turns encryption off, is kept with a High finding.
func snsTopic(c *check, r *spec.Resource) {
	c.enforce(&r.Body, setting{id: "CKV_AWS_26", sev: Medium, attr: "kms_master_key_id",
		want: spec.String("alias/aws/sns"), safe: nonEmpty, reason: "topic encryption"})
}

// sqsQueue turns on SQS-managed encryption (CKV_AWS_27) unless a KMS key is
// set, which already encrypts the queue.
func sqsQueue(c *check, r *spec.Resource) {
	if v, ok := r.Body.Get("kms_master_key_id"); ok && nonEmpty(v) {
		return
	}
	c.enforce(&r.Body, setting{id: "CKV_AWS_27", sev: Medium, attr: "sqs_managed_sse_enabled",
		want: spec.Bool(true), safe: notFalse, reason: "queue encryption"})
}

// kmsKey turns on yearly rotation (CKV_AWS_7) for symmetric encryption
// keys, the only ones AWS can rotate.
func kmsKey(c *check, r *spec.Resource) {
	if keySpec := stringAttr(&r.Body, "customer_master_key_spec"); keySpec != "" && keySpec != "SYMMETRIC_DEFAULT" {
		return
	}
	if usage := stringAttr(&r.Body, "key_usage"); usage != "" && usage != "ENCRYPT_DECRYPT" {
		return
	}
	c.enforce(&r.Body, setting{id: "CKV_AWS_7", sev: Medium, attr: "enable_key_rotation",
		want: spec.Bool(true), safe: notFalse, reason: "key rotation"})
}

// logGroup keeps logs for a year (CKV_AWS_338) when no retention is set. A
// shorter explicit retention is a cost choice, reported Low; 0 means never
// expire and is fine.
func logGroup(c *check, r *spec.Resource) {
	v, ok := r.Body.Get("retention_in_days")
	if !ok {
		r.Body.Set("retention_in_days", spec.Int(365))
		c.fixed("CKV_AWS_338", Low, "retention_in_days", "set retention_in_days = 365 (logs kept for a year)")
		return
	}
	if days, lit := intOf(v); lit && days > 0 && days < 365 {
		c.requested("CKV_AWS_338", Low, "retention_in_days",
			"retention_in_days = %d was explicitly requested and is kept, though it is under a year", days)
	}
}

// nonEmpty accepts any value but the empty string.
func nonEmpty(v spec.Value) bool { return v.Kind != spec.KindString || v.Str != "" }
