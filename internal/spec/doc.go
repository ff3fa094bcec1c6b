// Package spec is the typed model of an infrastructure stack: the one value
// that engines produce, a conversation edits, policy hardens and renderers
// turn into Terraform or CloudFormation.
//
// Invariants a reader must know:
//
//   - A Stack is plain data. It holds no Terraform syntax: every value is a
//     literal (string, number, bool, list, map), null, or a Ref to another
//     resource's attribute. There is no way to express an interpolation, a
//     function call, a heredoc or a provisioner, so a user's words can never
//     become code; renderers escape every literal.
//   - Resource types, local names and attribute names are identifiers that
//     Validate checks against fixed patterns; only "aws_" types exist, so the
//     "external" and "http" data sources cannot be named.
//   - Provider configuration (credentials, endpoints, assume_role, profile) is
//     not part of a Stack. Renderers write it from their own options; a Stack
//     only carries the region, default tags and region aliases.
//   - Ordering is significant and stable: the same Stack renders to the same
//     bytes.
//
// This package imports nothing of ours.
package spec
