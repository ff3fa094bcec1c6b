package audit

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"errors"
	"fmt"
	"time"

	"github.com/syncloud/syncloud/internal/store"
)

// AllChains asks Verify to check every chain.
const AllChains int64 = -1

// CoverageSlack is how long an event may take from being stamped to being
// committed. Events stamped earlier than the latest platform heartbeat
// minus this must be covered by a checkpoint of their chain.
const CoverageSlack = time.Minute

// Problem is the first bad event Verify found.
type Problem struct {
	OrgID  int64
	Seq    int64
	Reason string
}

func (p *Problem) Error() string {
	return fmt.Sprintf("audit chain %d, event %d: %s", p.OrgID, p.Seq, p.Reason)
}

// Report is what Verify found.
type Report struct {
	Chains      int
	Events      int64
	Checkpoints int
	// LatestHeartbeat is the time of the newest validly signed platform
	// checkpoint: if it is old, checkpointing stopped or was cut off.
	LatestHeartbeat time.Time
	Problem         *Problem // nil when every chain verifies
}

// OK reports whether every checked chain verified.
func (r *Report) OK() bool { return r.Problem == nil }

// Verify checks one chain (orgID) or AllChains against the checkpoints
// signed with pub: gap-free sequence numbers, each prev_hash equal to the
// previous hash, each hash equal to the recomputed one, every checkpoint's
// signature valid and its head hash equal to the event it names, no chain
// shorter than its latest checkpoint, and every event older than the
// latest heartbeat covered by a checkpoint. It stops at the first problem.
// The error is for failures to read, not for tampering.
func Verify(ctx context.Context, db *store.DB, pub ed25519.PublicKey, orgID int64) (*Report, error) {
	chains := []int64{orgID}
	if orgID == AllChains {
		var err error
		if chains, err = db.AuditChains(ctx); err != nil {
			return nil, err
		}
	}
	rep := &Report{}
	heartbeat, err := latestHeartbeat(ctx, db, pub)
	if err != nil {
		return nil, err
	}
	rep.LatestHeartbeat = heartbeat
	for _, org := range chains {
		v := &chainVerifier{org: org, pub: pub, heartbeat: heartbeat}
		if err := v.run(ctx, db); err != nil {
			return nil, err
		}
		rep.Chains++
		rep.Events += v.events
		rep.Checkpoints += len(v.checkpoints)
		if v.problem != nil {
			rep.Problem = v.problem
			break
		}
	}
	return rep, nil
}

func latestHeartbeat(ctx context.Context, db *store.DB, pub ed25519.PublicKey) (time.Time, error) {
	c, err := db.LatestAuditCheckpoint(ctx, PlatformChain)
	if errors.Is(err, store.ErrNotFound) {
		return time.Time{}, nil
	}
	if err != nil {
		return time.Time{}, err
	}
	if !ed25519.Verify(pub, checkpointMessage(c), c.Signature) {
		return time.Time{}, nil // a forged heartbeat dates nothing; checking the chain reports it
	}
	return c.CreatedAt, nil
}

// chainVerifier walks one chain.
type chainVerifier struct {
	org         int64
	pub         ed25519.PublicKey
	heartbeat   time.Time
	checkpoints []store.AuditCheckpoint
	bySeq       map[int64][]store.AuditCheckpoint
	maxSeq      int64 // highest checkpointed seq
	events      int64
	prev        []byte
	oldest      int64 // highest seq stamped before heartbeat - slack
	problem     *Problem
}

// errStop ends a scan at the first problem.
var errStop = errors.New("stop")

func (v *chainVerifier) fail(seq int64, format string, args ...any) {
	v.problem = &Problem{OrgID: v.org, Seq: seq, Reason: fmt.Sprintf(format, args...)}
}

func (v *chainVerifier) run(ctx context.Context, db *store.DB) error {
	cps, err := db.AuditCheckpoints(ctx, v.org)
	if err != nil {
		return err
	}
	v.checkpoints, v.bySeq, v.prev = cps, map[int64][]store.AuditCheckpoint{}, genesis
	for i := range cps {
		c := &cps[i]
		if !ed25519.Verify(v.pub, checkpointMessage(c), c.Signature) {
			v.fail(c.Seq, "checkpoint %d (key %s) has an invalid signature: checkpoints were forged or altered", c.ID, c.KeyID)
			return nil
		}
		v.bySeq[c.Seq] = append(v.bySeq[c.Seq], *c)
		v.maxSeq = max(v.maxSeq, c.Seq)
	}
	err = db.ScanAuditChain(ctx, v.org, v.check)
	if err != nil && !errors.Is(err, errStop) {
		return err
	}
	if v.problem == nil {
		v.checkEnd()
	}
	return nil
}

// check verifies one event against its predecessor and checkpoints.
func (v *chainVerifier) check(e *store.AuditEvent) error {
	want := v.events + 1
	switch {
	case e.Seq != want:
		v.fail(want, "event is missing (the next stored event is %d): events were deleted", e.Seq)
	case !bytes.Equal(e.PrevHash, v.prev):
		v.fail(e.Seq, "prev_hash is not the hash of event %d: events were reordered or replaced", want-1)
	default:
		h, err := eventHash(e)
		if err != nil || !bytes.Equal(h, e.Hash) {
			v.fail(e.Seq, "hash does not match the event's content: the event was altered")
		}
	}
	for _, c := range v.bySeq[e.Seq] {
		if v.problem == nil && !bytes.Equal(c.HeadHash, e.Hash) {
			v.fail(e.Seq, "hash differs from signed checkpoint %d: the chain was rewritten", c.ID)
		}
	}
	if v.problem != nil {
		return errStop
	}
	if !v.heartbeat.IsZero() && e.CreatedAt.Before(v.heartbeat.Add(-CoverageSlack)) {
		v.oldest = e.Seq
	}
	v.events, v.prev = e.Seq, e.Hash
	return nil
}

// checkEnd compares the chain's end with its checkpoints.
func (v *chainVerifier) checkEnd() {
	for _, c := range v.bySeq[0] {
		if !bytes.Equal(c.HeadHash, genesis) {
			v.fail(0, "checkpoint %d of the empty chain has a non-genesis hash", c.ID)
			return
		}
	}
	if v.maxSeq > v.events {
		v.fail(v.events+1, "chain ends at event %d but a signed checkpoint names event %d: events were removed from the end", v.events, v.maxSeq)
		return
	}
	if v.oldest > v.maxSeq {
		v.fail(v.maxSeq+1, "event predates the latest heartbeat (%s) but no checkpoint covers it: checkpoints were removed",
			v.heartbeat.Format(time.RFC3339))
	}
}
