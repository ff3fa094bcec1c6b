// Package awsconn owns how runs reach a customer's AWS account: an IAM role
// assumed with an external ID the platform generates per connection,
// access keys kept encrypted, or a custom endpoint (an emulator) for
// development and tests.
//
// Invariants a reader must know:
//
//   - A role connection is saved only after the confused-deputy check:
//     AssumeRole with the external ID succeeds and without it fails.
//   - Sessions last at most an hour and are named after the run.
//   - Access keys are sealed (AES-256-GCM) before they reach the store and
//     are opened only to build a run's environment; no type here formats
//     them, and nothing returns them to an API caller.
//   - Credentials reach Terraform through its environment, never through
//     the configuration files, so a plan artifact holds no secret.
package awsconn
