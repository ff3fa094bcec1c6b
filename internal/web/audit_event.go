package web

import (
	"strings"

	"github.com/syncloud/syncloud/internal/auth"
)

// actorEvent is an audit event in the caller's organization chain, with
// the caller as actor.
func actorEvent(p auth.Principal, action, target string, details map[string]any) auth.Event {
	typ, _, _ := strings.Cut(p.Actor(), ":")
	e := auth.Event{OrgID: p.OrgID, ActorType: typ, Action: action, Target: target, Details: details}
	switch p.Kind {
	case auth.KindAPIKey:
		e.ActorID = p.KeyID
	case auth.KindAgent:
		e.ActorID = p.AgentID
	default:
		e.ActorID = p.UserID
	}
	return e
}
