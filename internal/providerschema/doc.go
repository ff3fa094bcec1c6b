// Package providerschema is the AWS provider's schema, compact and embedded:
// every resource type and data source, and the provider block itself, with
// attributes (cty type, required/optional/computed, sensitive) and nested
// blocks (nesting mode, min/max items), and a Check that holds a spec.Stack
// against it.
//
// Invariants a reader must know:
//
//   - aws.schema is generated, never edited: `go generate` runs real
//     Terraform (`terraform init` + `terraform providers schema -json`)
//     against the pinned provider version and writes it with Encode. The
//     provider comes from the filesystem mirror in SYNCLOUD_TF_PLUGIN_MIRROR,
//     else the public registry.
//   - Loading is lazy. Start-up costs nothing; the first lookup reads the
//     index (names and offsets); each type is inflated and decoded on its
//     first lookup and kept. A command that checks twenty types decodes
//     twenty types, not two thousand.
//   - Blocks handed out are shared between callers and must not be modified.
//   - Descriptions are dropped: the provider ships them empty.
package providerschema

//go:generate go run ./gen -out aws.schema
