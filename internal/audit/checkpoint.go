package audit

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"time"

	"github.com/syncloud/syncloud/internal/store"
)

// PlatformChain is the chain of platform-level events (org_id 0). Its
// checkpoint is written at every interval even when nothing happened: a
// heartbeat that dates the latest checkpointing.
const PlatformChain int64 = 0

// checkpointDomain prefixes every signed message, so that a checkpoint
// signature can never be mistaken for a signature over anything else.
const checkpointDomain = "syncloud audit checkpoint v1\n"

// KeyID names a public key in checkpoints: the first 8 bytes of its
// SHA-256, in hex.
func KeyID(pub ed25519.PublicKey) string {
	sum := sha256.Sum256(pub)
	return hex.EncodeToString(sum[:8])
}

// checkpointMessage is what a checkpoint's signature covers: the domain
// line, then the canonical JSON of chain, seq, head hash, time and key ID.
func checkpointMessage(c *store.AuditCheckpoint) []byte {
	body, _ := encode(struct { // fields in sorted key order; encoding cannot fail
		HeadHash string `json:"head_hash"`
		KeyID    string `json:"key_id"`
		OrgID    int64  `json:"org_id"`
		Seq      int64  `json:"seq"`
		Time     string `json:"time"`
	}{hex.EncodeToString(c.HeadHash), c.KeyID, c.OrgID, c.Seq, c.CreatedAt.UTC().Format(TimeFormat)})
	return append([]byte(checkpointDomain), body...)
}

// Checkpoint signs and stores the head of every chain that moved since its
// last checkpoint, and the platform chain's head in any case, in one
// transaction. The writer calls it every interval and on Close.
func (w *Writer) Checkpoint(ctx context.Context) error {
	now := w.opts.Now().UTC().Truncate(time.Microsecond)
	return w.db.Transact(ctx, func(tx *store.Tx) error {
		heads, err := tx.AuditHeads(ctx)
		if err != nil {
			return err
		}
		latest, err := tx.LatestAuditCheckpoints(ctx)
		if err != nil {
			return err
		}
		if _, ok := heads[PlatformChain]; !ok {
			heads[PlatformChain] = store.AuditEvent{OrgID: PlatformChain, Hash: genesis}
		}
		for org, head := range heads {
			last, ok := latest[org]
			if org != PlatformChain && ok && last.Seq == head.Seq && bytes.Equal(last.HeadHash, head.Hash) {
				continue
			}
			c := &store.AuditCheckpoint{OrgID: org, Seq: head.Seq, HeadHash: head.Hash, CreatedAt: now, KeyID: w.keyID}
			c.Signature = ed25519.Sign(w.opts.SigningKey, checkpointMessage(c))
			if err := tx.InsertAuditCheckpoint(ctx, c); err != nil {
				return fmt.Errorf("checkpoint chain %d: %w", org, err)
			}
		}
		return nil
	})
}
