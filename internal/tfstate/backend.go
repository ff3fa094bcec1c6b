package tfstate

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/syncloud/syncloud/internal/store"
)

// Backend stores workspaces' Terraform state in the database, encrypted.
type Backend struct {
	DB     *store.DB
	Cipher *Cipher
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// ErrNoState means the workspace has no state yet (Terraform's GET then
// expects an empty answer).
var ErrNoState = errors.New("no state yet")

// Writer says who writes a state version: the run (0 for a user's own
// Terraform) and, for a run that applies, its apply-lease fencing token.
type Writer struct {
	RunID int64
	Fence int64 // 0: not applying; otherwise must equal the workspace's current fence
}

// header is what the backend reads of a state file.
type header struct {
	Serial  *int64 `json:"serial"`
	Lineage string `json:"lineage"`
}

func (b *Backend) now() time.Time {
	if b.Now != nil {
		return b.Now()
	}
	return time.Now()
}

// aad binds a ciphertext to its workspace and serial.
func aad(wsID, serial int64) []byte {
	return []byte("syncloud state\x00" + strconv.FormatInt(wsID, 10) + "\x00" + strconv.FormatInt(serial, 10))
}

// Get returns the workspace's latest state, or ErrNoState.
func (b *Backend) Get(ctx context.Context, orgID, wsID int64) ([]byte, error) {
	if _, err := b.DB.Workspace(ctx, orgID, wsID); err != nil {
		return nil, err
	}
	v, err := b.DB.LatestStateVersion(ctx, orgID, wsID)
	if errors.Is(err, store.ErrNotFound) {
		return nil, ErrNoState
	}
	if err != nil {
		return nil, err
	}
	return b.open(v)
}

// Version returns one state version of the workspace by serial.
func (b *Backend) Version(ctx context.Context, orgID, wsID, serial int64) ([]byte, error) {
	v, err := b.DB.StateVersionBySerial(ctx, orgID, wsID, serial)
	if err != nil {
		return nil, err
	}
	return b.open(v)
}

func (b *Backend) open(v *store.StateVersion) ([]byte, error) {
	plain, err := b.Cipher.Open(v.Data, aad(v.WorkspaceID, v.Serial))
	if err != nil {
		return nil, fmt.Errorf("state serial %d of workspace %d: %w", v.Serial, v.WorkspaceID, err)
	}
	return plain, nil
}

// Serial returns the serial of the workspace's latest state, -1 when it
// has none.
func (b *Backend) Serial(ctx context.Context, orgID, wsID int64) (int64, error) {
	v, err := b.DB.LatestStateVersion(ctx, orgID, wsID)
	if errors.Is(err, store.ErrNotFound) {
		return -1, nil
	}
	if err != nil {
		return 0, err
	}
	return v.Serial, nil
}

// Put stores a new state version after the serial, lineage and fencing
// checks (see the package doc); a refused write is store.ErrConflict with
// the reason.
func (b *Backend) Put(ctx context.Context, orgID, wsID int64, w Writer, state []byte) error {
	var h header
	if err := json.Unmarshal(state, &h); err != nil || h.Serial == nil || h.Lineage == "" {
		return fmt.Errorf("%w: the body is not a Terraform state (serial and lineage required)", ErrInvalid)
	}
	sum := sha256.Sum256(state)
	v := &store.StateVersion{WorkspaceID: wsID, Serial: *h.Serial, Lineage: h.Lineage,
		SHA256: hex.EncodeToString(sum[:]), RunID: w.RunID, CreatedAt: b.now()}
	v.Data = b.Cipher.Seal(state, aad(wsID, v.Serial))
	return b.DB.Transact(ctx, func(tx *store.Tx) error {
		ws, err := tx.Workspace(ctx, orgID, wsID)
		if err != nil {
			return err
		}
		if w.Fence != 0 && w.Fence != ws.ApplyFence {
			return fmt.Errorf("%w: the run's apply lease (fence %d) was taken over (fence %d)", store.ErrConflict, w.Fence, ws.ApplyFence)
		}
		if err := checkNext(ctx, tx, orgID, v); errors.Is(err, errSame) {
			return nil
		} else if err != nil {
			return err
		}
		return tx.CreateStateVersion(ctx, orgID, v)
	})
}

// ErrInvalid means a body that is not a Terraform state.
var ErrInvalid = errors.New("invalid state")

// errSame tells Put that the version is already stored, byte for byte.
var errSame = errors.New("same state")

func checkNext(ctx context.Context, tx *store.Tx, orgID int64, v *store.StateVersion) error {
	last, err := tx.LatestStateVersion(ctx, orgID, v.WorkspaceID)
	switch {
	case errors.Is(err, store.ErrNotFound):
		return nil
	case err != nil:
		return err
	case last.Lineage != v.Lineage:
		return fmt.Errorf("%w: lineage %q differs from the workspace's %q", store.ErrConflict, v.Lineage, last.Lineage)
	case v.Serial < last.Serial:
		return fmt.Errorf("%w: serial %d is lower than the stored %d", store.ErrConflict, v.Serial, last.Serial)
	case v.Serial == last.Serial && v.SHA256 != last.SHA256:
		return fmt.Errorf("%w: serial %d is already stored with other content", store.ErrConflict, v.Serial)
	case v.Serial == last.Serial:
		return errSame
	}
	return nil
}
