package tfstate

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/syncloud/syncloud/internal/store"
)

// LockInfo is the part of Terraform's lock information the backend reads;
// the whole JSON document is stored and handed back as sent.
type LockInfo struct {
	ID string `json:"ID"`
}

// LockedError reports a state lock held by someone else, with the holder's
// lock information as Terraform sent it.
type LockedError struct {
	Info []byte
}

func (e *LockedError) Error() string { return "state is locked: " + string(e.Info) }

// Lock takes the workspace's state lock with Terraform's lock information
// (JSON with an "ID"). A lock already held is *LockedError.
func (b *Backend) Lock(ctx context.Context, orgID, wsID int64, info []byte) error {
	var li LockInfo
	if err := json.Unmarshal(info, &li); err != nil || li.ID == "" {
		return fmt.Errorf("%w: lock information must be JSON with an ID", ErrInvalid)
	}
	err := b.DB.LockState(ctx, orgID, &store.StateLock{WorkspaceID: wsID, LockID: li.ID, Info: string(info), CreatedAt: b.now()})
	if !errors.Is(err, store.ErrConflict) {
		return err
	}
	held, gerr := b.DB.StateLockOf(ctx, orgID, wsID)
	if gerr != nil {
		return fmt.Errorf("lock state of workspace %d: %w", wsID, gerr)
	}
	return &LockedError{Info: []byte(held.Info)}
}

// Unlock releases the lock named by Terraform's lock information; an empty
// body forces the release of any lock (terraform force-unlock). Unlocking
// a workspace that is not locked succeeds.
func (b *Backend) Unlock(ctx context.Context, orgID, wsID int64, info []byte) error {
	var li LockInfo
	if len(info) > 0 {
		if err := json.Unmarshal(info, &li); err != nil || li.ID == "" {
			return fmt.Errorf("%w: lock information must be JSON with an ID", ErrInvalid)
		}
	}
	err := b.DB.UnlockState(ctx, orgID, wsID, li.ID)
	if errors.Is(err, store.ErrConflict) {
		held, gerr := b.DB.StateLockOf(ctx, orgID, wsID)
		if gerr == nil {
			return &LockedError{Info: []byte(held.Info)}
		}
	}
	if errors.Is(err, store.ErrNotFound) {
		_, err = b.DB.Workspace(ctx, orgID, wsID)
	}
	return err
}
