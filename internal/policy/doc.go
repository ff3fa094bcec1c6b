// Package policy is SynCloud's guardrails: it applies secure defaults to a
// spec.Stack and reports what is still risky, with rule IDs that match
// Checkov's so a finding can be looked up and cross-checked.
//
// Invariants a reader must know:
//
//   - Harden mutates the stack it is given, in place. Callers that need the
//     original keep a Clone.
//   - A default is applied only where the user left the value unset. An
//     explicit value is never overridden: engines never put risky values in a
//     stack on their own, so a risky value present in the input counts as
//     explicitly requested. It is kept, and a finding says so (Requested).
//   - The one exception is a literal database password: a secret never stays
//     in configuration. It is removed and the database is switched to
//     manage_master_user_password (a CRITICAL, Fixed finding).
//   - Harden is idempotent: hardening a hardened stack changes nothing, and
//     only the Requested and advisory findings are reported again.
//   - Output is deterministic: findings follow the order of the stack's
//     resources, then the order of the rules; added resources (S3 public
//     access blocks and encryption configurations) are appended in the order
//     of the buckets they protect.
//   - Only real arguments of the Terraform AWS provider 5.x are written.
//   - Rule IDs are Checkov's (CKV_AWS_*, CKV2_AWS_*) where Checkov has the
//     check; checks Checkov lacks use a SYNCLOUD_* ID.
package policy
