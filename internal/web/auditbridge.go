package web

import (
	"context"
	"strconv"
	"strings"

	"github.com/syncloud/syncloud/internal/audit"
	"github.com/syncloud/syncloud/internal/auth"
)

// AuditBridge lets internal/auth and the web layer write to the audit log:
// it implements auth.Auditor over the group-committing audit.Writer.
type AuditBridge struct {
	Writer *audit.Writer
}

// Append records e and returns once it is committed.
func (b AuditBridge) Append(ctx context.Context, e auth.Event) error {
	typ, id, ok := strings.Cut(e.Target, ":")
	if !ok {
		typ, id = e.Target, ""
	}
	actorID := ""
	if e.ActorID != 0 {
		actorID = strconv.FormatInt(e.ActorID, 10)
	}
	var details any
	if e.Details != nil {
		details = e.Details
	}
	_, err := b.Writer.Append(ctx, audit.Event{
		OrgID:   e.OrgID,
		Actor:   audit.Actor{Type: e.ActorType, ID: actorID, Label: e.ActorLabel},
		Action:  e.Action,
		Target:  audit.Target{Type: typ, ID: id},
		Details: details,
	})
	return err
}
