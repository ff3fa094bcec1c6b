package audit

import (
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
// last checkpoint (whichever replica moved it), and the platform chain's
// head in any case, in one transaction. The writer calls it every interval
// and on Close. It reads the audit_heads table, one row per chain, never
// the whole log.
func (w *Writer) Checkpoint(ctx context.Context) error {
	now := w.opts.Now().UTC().Truncate(time.Microsecond)
	return w.db.Transact(ctx, func(tx *store.Tx) error {
		heads, err := tx.UncheckpointedAuditHeads(ctx, PlatformChain)
		if err != nil {
			return err
		}
		if len(heads) == 0 || heads[0].OrgID != PlatformChain { // ordered by chain: 0 comes first
			heads = append(heads, store.AuditChainHead{OrgID: PlatformChain, Hash: genesis})
		}
		for _, h := range heads {
			c := &store.AuditCheckpoint{OrgID: h.OrgID, Seq: h.Seq, HeadHash: h.Hash, CreatedAt: now, KeyID: w.keyID}
			c.Signature = ed25519.Sign(w.opts.SigningKey, checkpointMessage(c))
			if err := tx.InsertAuditCheckpoint(ctx, c); err != nil {
				return fmt.Errorf("checkpoint chain %d: %w", h.OrgID, err)
			}
			if err := tx.MarkAuditCheckpointed(ctx, h.OrgID, h.Seq); err != nil {
				return err
			}
		}
		return nil
	})
}
