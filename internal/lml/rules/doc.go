// Package rules is SynCloud's built-in engine: deterministic, offline and
// explainable. It reads a prompt as tokens (Text), finds what it names with
// small extractors (counts, sizes, durations, regions, CIDRs, ports, names,
// tags, instance classes), and lets one family per area of AWS build that
// area's resources into the stack.
//
// Invariants a reader must know:
//
//   - With a current stack (a conversation), an edit phase runs first: it
//     applies the clauses that change or remove existing resources and takes
//     them out of the text, so families only read what asks for something
//     new.
//   - Families run in stage order (network, data, compute, edge, generic);
//     each first declares its resources, then, once every family has
//     declared, links them (triggers, subscriptions, attachments).
//   - A family claims the tokens it used (Ctx.Claim); words naming
//     infrastructure that no family claimed are reported as unplaced, never
//     dropped silently.
//   - Only literal values and references go into the stack. User words become
//     names only through LocalName, BucketName or ResourceName, and values
//     only as literals, which renderers escape.
//   - The same prompt always gives the same stack: no maps are iterated
//     without sorting, no randomness, no clock.
//   - Availability zones are literal ("<region>a", "<region>b"), and AMIs are
//     looked up with data "aws_ami" filters by owner and name.
package rules
