// Package tfstate is the platform's Terraform HTTP state backend: every
// workspace's state versions, kept encrypted, and its state lock.
//
// Invariants a reader must know:
//
//   - Every version is kept. A write must carry the lineage of the latest
//     version and a serial at least as high; a lower serial, another
//     lineage or the same serial with other bytes is ErrConflict. The very
//     first write of a workspace may start any lineage.
//   - State is encrypted at rest with AES-256-GCM; the additional data binds
//     each ciphertext to its workspace and serial, so rows cannot be swapped.
//     Only the SHA-256 of the plaintext, the serial and the lineage are
//     stored in the clear.
//   - A write from a run that applies carries the fencing token of the
//     workspace's apply lease; a token that is no longer current (another
//     run took the lease after this one's expired) is refused.
//   - The caller has already resolved the organization: every method takes
//     the org ID first and a workspace of another organization is
//     store.ErrNotFound.
package tfstate
