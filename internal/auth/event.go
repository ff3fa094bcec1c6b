package auth

import "context"

// Event is one audit record this package writes: sign-ins and their
// failures, logouts, password and account changes, OAuth links, key
// creation, use and revocation, invitations and memberships.
type Event struct {
	// OrgID names the organization's chain; 0 is the platform chain, where
	// sign-in events go because a user may belong to several orgs.
	OrgID int64
	// ActorType is "user", "api_key" or "anonymous"; ActorID its ID (0 for
	// anonymous) and ActorLabel a human name (an email, a key's prefix).
	ActorType  string
	ActorID    int64
	ActorLabel string
	// Action is dotted: "auth.login", "api_key.create".
	Action string
	// Target is what was acted on: "user:12", "api_key:7".
	Target  string
	Details map[string]any
}

// Auditor durably records audit events. It is the boundary to the audit
// package's hash-chained log; Append must return only once the event is
// committed.
type Auditor interface {
	Append(ctx context.Context, e Event) error
}

// userActor fills the actor fields of e for a user.
func userActor(e Event, userID int64, email string) Event {
	e.ActorType, e.ActorID, e.ActorLabel = "user", userID, email
	return e
}
