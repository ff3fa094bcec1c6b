package audit

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/syncloud/syncloud/internal/store"
)

// Actor is who did something.
type Actor struct {
	Type  string `json:"type"`  // "user", "api_key", "agent", "system"
	ID    string `json:"id"`    // the user, key or agent ID; "" for system
	Label string `json:"label"` // human-readable: an email, a key's prefix
}

// Target is what was acted on.
type Target struct {
	Type string `json:"type"` // "user", "org", "api_key", "membership", "run", ...
	ID   string `json:"id"`
}

// Event is something to record. Details is any value encoding/json can
// marshal to an object (or nil); it is stored in canonical form.
type Event struct {
	OrgID   int64 // 0 records a platform-level event
	Actor   Actor
	Action  string // dotted, e.g. "auth.login.success", "api_key.create"
	Target  Target
	Details any
}

// Record is a stored event: an Event with its place in the chain.
type Record struct {
	OrgID    int64           `json:"org_id"`
	Seq      int64           `json:"seq"`
	Time     time.Time       `json:"time"`
	Actor    Actor           `json:"actor"`
	Action   string          `json:"action"`
	Target   Target          `json:"target"`
	Details  json.RawMessage `json:"details"`
	PrevHash string          `json:"prev_hash"` // hex
	Hash     string          `json:"hash"`      // hex
}

// genesis is the prev_hash of every chain's first event.
var genesis = make([]byte, sha256.Size)

// TimeFormat is how times enter the hash: UTC, exactly six fractional
// digits (the precision both databases keep).
const TimeFormat = "2006-01-02T15:04:05.000000Z"

// Canonical returns the canonical JSON of v: encoding/json's output,
// decoded and encoded again as generic values so that object keys are
// sorted by their UTF-8 bytes, with no insignificant whitespace, no HTML
// escaping, and numbers kept as their literal text. nil becomes {}.
func Canonical(v any) ([]byte, error) {
	if v == nil {
		return []byte("{}"), nil
	}
	raw, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("encode details: %w", err)
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var generic any
	if err := dec.Decode(&generic); err != nil {
		return nil, fmt.Errorf("decode details: %w", err)
	}
	if _, ok := generic.(map[string]any); !ok {
		return nil, fmt.Errorf("details must be a JSON object, not %s", raw)
	}
	return encode(generic)
}

func encode(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// targetInput orders Target's keys (id before type) for the hash.
type targetInput struct {
	ID   string `json:"id"`
	Type string `json:"type"`
}

// actorInput orders Actor's keys (id, label, type) for the hash.
type actorInput struct {
	ID    string `json:"id"`
	Label string `json:"label"`
	Type  string `json:"type"`
}

// hashInput is the canonical encoding of a stored event that its hash
// covers: fields in sorted key order, so encoding/json writes them sorted.
type hashInput struct {
	Action   string          `json:"action"`
	Actor    actorInput      `json:"actor"`
	Details  json.RawMessage `json:"details"`
	OrgID    int64           `json:"org_id"`
	PrevHash string          `json:"prev_hash"`
	Seq      int64           `json:"seq"`
	Target   targetInput     `json:"target"`
	Time     string          `json:"time"`
	V        int             `json:"v"`
}

// eventHash computes SHA-256 over the canonical encoding of a stored
// event (every column but hash).
func eventHash(e *store.AuditEvent) ([]byte, error) {
	if !json.Valid([]byte(e.Details)) {
		return nil, fmt.Errorf("details of event %d/%d are not JSON", e.OrgID, e.Seq)
	}
	b, err := encode(hashInput{
		Action:   e.Action,
		Actor:    actorInput{ID: e.ActorID, Label: e.ActorLabel, Type: e.ActorType},
		Details:  json.RawMessage(e.Details),
		OrgID:    e.OrgID,
		PrevHash: hex.EncodeToString(e.PrevHash),
		Seq:      e.Seq,
		Target:   targetInput{ID: e.TargetID, Type: e.TargetType},
		Time:     e.CreatedAt.UTC().Format(TimeFormat),
		V:        1,
	})
	if err != nil {
		return nil, fmt.Errorf("encode event %d/%d: %w", e.OrgID, e.Seq, err)
	}
	sum := sha256.Sum256(b)
	return sum[:], nil
}

// clean makes a string valid UTF-8, so that it survives both databases
// and encodes one way.
func clean(s string) string { return strings.ToValidUTF8(s, "\uFFFD") }

func toRecord(e *store.AuditEvent) Record {
	return Record{
		OrgID: e.OrgID, Seq: e.Seq, Time: e.CreatedAt.UTC(),
		Actor:    Actor{Type: e.ActorType, ID: e.ActorID, Label: e.ActorLabel},
		Action:   e.Action,
		Target:   Target{Type: e.TargetType, ID: e.TargetID},
		Details:  json.RawMessage(e.Details),
		PrevHash: hex.EncodeToString(e.PrevHash), Hash: hex.EncodeToString(e.Hash),
	}
}
