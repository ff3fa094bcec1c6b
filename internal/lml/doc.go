// Package lml is the Language Model Layer: it turns a request in plain
// English (and, in a conversation, the workspace's current spec) into a
// validated, hardened spec.Stack.
//
// Invariants a reader must know:
//
//   - Engines (lml/rules, lml/llm) only ever produce a spec.Stack, never
//     Terraform text. Every engine's answer goes through the same pipeline:
//     spec validation, policy hardening (secure defaults and findings) and the
//     AWS provider schema check. Nothing outside the schema leaves this
//     package.
//   - A request that asks for nothing buildable fails with *NothingError,
//     which says what was understood and what could not be placed; a request
//     that is partly understood succeeds with Unplaced phrases listed, never
//     silently.
//   - The same request gives the same result, byte for byte once rendered.
package lml
