// Package audit is the tamper-evident audit log: one SHA-256 hash chain
// per organization (org_id 0 is the platform's chain), written with group
// commit, checkpointed with Ed25519 signatures, and verifiable by anyone
// holding the public key.
//
// # API
//
//	w, err := audit.NewWriter(db, audit.Options{SigningKey: key})  // starts the writer
//	rec, err := w.Append(ctx, audit.Event{OrgID, Actor, Action, Target, Details})
//	err = w.Checkpoint(ctx)            // also runs every CheckpointInterval (default 1 min)
//	err = w.Close(ctx)                 // drains the queue, writes a final checkpoint
//	events, txs := w.Stats()           // for /metrics
//	recs, err := audit.List(ctx, db, orgID, audit.Filter{AfterSeq, Limit, Action: "auth.", ...})
//	rep, err := audit.Verify(ctx, db, publicKey, orgID)  // or audit.AllChains
//	rep.OK(), rep.Problem.{OrgID, Seq, Reason}, rep.Events, rep.LatestHeartbeat
//
// # Durability and group commit
//
// Append returns only after the event's transaction has committed, so an
// event acknowledged to a caller survives a crash (SQLite runs with
// synchronous=FULL). One goroutine takes every event queued by concurrent
// callers (up to MaxBatch), reads each chain's head once, chains the
// events, inserts them with multi-row INSERTs in one transaction, and then
// wakes the callers: 64 concurrent requests cost a few transactions, not
// 64. Replicas sharing PostgreSQL may race for a sequence number; the
// primary key (org_id, seq) refuses the loser, whose batch is retried on
// the new head. The writer stamps each event's time itself: callers cannot
// backdate events.
//
// # Canonical form and hash
//
// An event's details are stored as canonical JSON (see Canonical): the
// value's encoding/json form re-encoded generically, so that object keys
// are sorted bytewise, there is no insignificant whitespace, "<", ">" and
// "&" are not escaped, and numbers keep their literal text. Strings are
// made valid UTF-8 before storing.
//
// An event's hash is SHA-256 over the UTF-8 bytes of this JSON object,
// keys in exactly this order and no whitespace:
//
//	{"action":A,"actor":{"id":I,"label":L,"type":T},"details":D,"org_id":N,
//	 "prev_hash":P,"seq":S,"target":{"id":I,"type":T},"time":W,"v":1}
//
// where D is the stored canonical details, P is the previous event's hash
// in lower-case hex (64 zeros for seq 1), and W is the time in UTC as
// 2006-01-02T15:04:05.000000Z (exactly six fractional digits). Strings are
// escaped as encoding/json does with HTML escaping off.
//
// # Checkpoints
//
// A checkpoint signs (chain, seq, head hash, time, key ID): the message is
// the line "syncloud audit checkpoint v1\n" followed by the canonical JSON
// {"head_hash":H,"key_id":K,"org_id":N,"seq":S,"time":W}. At every
// interval, and at Close, the writer checkpoints every chain whose head
// moved (by any replica) and, always, the platform chain: that heartbeat
// dates the latest checkpointing even when nothing happens. Chain heads
// are kept in audit_heads (one row per chain, updated with the events), so
// a checkpoint never scans the log; the verifier does not trust that
// table. Replicas' clocks must agree within CoverageSlack. The key ID is the first 8 bytes
// of SHA-256 of the public key, in hex.
//
// # What Verify detects
//
// An edited byte in any column of an event (hash mismatch); a deleted
// event (sequence gap); swapped events (prev_hash mismatch); the last
// events removed (the chain ends before its latest signed checkpoint); a
// chain recomputed without the signing key (its hashes no longer match the
// signed checkpoints, and forged checkpoints do not verify); checkpoints
// deleted to hide a rewrite (an event older than the latest heartbeat
// minus CoverageSlack that no checkpoint covers). Deleting the newest
// checkpoints and the events after them together is visible only as an old
// LatestHeartbeat, which operators should compare with the clock.
//
// On both databases triggers refuse UPDATE and DELETE of audit_events and
// audit_checkpoints (on PostgreSQL also TRUNCATE); the hash chain is what
// catches someone who gets around them.
package audit
