// Package run owns a run's life: a workspace's spec edited by a prompt, the
// plan made with real Terraform, approval, the apply of exactly that plan,
// destroy, logs, and the audit trail of what changed in the customer's
// account.
//
// Invariants a reader must know:
//
//   - States: pending -> planning -> planned -> approved -> applying ->
//     applied, errored from any busy state, discarded from pending or
//     planned (see Status). Every transition is a conditional UPDATE, so
//     two replicas cannot move one run twice.
//   - A plan is an immutable artifact: the rendered configuration, the spec
//     snapshot, the plan JSON (as `terraform show -json` prints it) and the
//     plan file with its SHA-256 are stored together once. Apply writes
//     that stored plan file, checks its SHA-256 and that the workspace's
//     state serial has not moved since the plan, and applies only it.
//   - One apply per workspace: approving takes the workspace's apply lease
//     (a lease with a fencing token); a second approval while it is held is
//     store.ErrConflict. State writes of an applying run carry the token.
//   - The platform writes the provider block (region, default_tags with
//     org, workspace, run and managed-by; the run tag only on creation, see
//     RenderConfig) and the backend block; nothing
//     from a prompt reaches them. Credentials reach Terraform only through
//     its environment.
//   - Queued runs are claimed with a lease (store.ClaimRun); a worker that
//     dies lets its lease expire and Reap marks the run errored, keeping
//     whatever state Terraform wrote. What a hard kill created since
//     Terraform's last push (at most about 20 s of work) is found by its
//     tags and imported by the next plan (package adopt).
//   - Terraform is interrupted before it is killed: a worker that stops
//     (SIGTERM), times out (Worker.Timeout) or loses its lease sends it
//     SIGINT, and it pushes its state and unlocks before exiting (or is
//     killed after tfrun.Terraform.StopGrace); the run's error says which.
package run
