package audit

import (
	"encoding/hex"
	"testing"
	"time"

	"github.com/syncloud/syncloud/internal/store"
)

func TestCanonical(t *testing.T) {
	type pair struct {
		Z int    `json:"z"`
		A string `json:"a"`
	}
	tests := []struct {
		name string
		in   any
		want string
	}{
		{"nil", nil, `{}`},
		{"sorted keys", map[string]any{"b": 1, "a": []int{2, 1}, "C": true}, `{"C":true,"a":[2,1],"b":1}`},
		{"struct fields sorted", pair{Z: 1, A: "x"}, `{"a":"x","z":1}`},
		{"nested", map[string]any{"o": map[string]any{"y": nil, "x": 1.5}}, `{"o":{"x":1.5,"y":null}}`},
		{"no HTML escaping", map[string]string{"q": "<a&b>"}, `{"q":"<a&b>"}`},
		{"unicode kept", map[string]string{"é": "ü"}, `{"é":"ü"}`},
		{"big integer exact", map[string]int64{"n": 9007199254740993}, `{"n":9007199254740993}`},
	}
	for _, tt := range tests {
		got, err := Canonical(tt.in)
		if err != nil || string(got) != tt.want {
			t.Errorf("%s: Canonical = %s, %v; want %s", tt.name, got, err, tt.want)
		}
	}
	for _, bad := range []any{[]int{1}, "text", 3} {
		if _, err := Canonical(bad); err == nil {
			t.Errorf("Canonical(%v): want an error for a non-object", bad)
		}
	}
}

// TestEventHashIsPinned fixes the hash of one event, so that any change
// to the canonical encoding (which would break every stored chain) fails
// here first.
func TestEventHashIsPinned(t *testing.T) {
	e := &store.AuditEvent{OrgID: 7, Seq: 1, CreatedAt: time.Date(2026, 1, 2, 3, 4, 5, 6000, time.UTC),
		ActorType: "user", ActorID: "42", ActorLabel: "ada@example.com", Action: "api_key.create",
		TargetType: "api_key", TargetID: "9", Details: `{"name":"ci","scopes":["generate"]}`, PrevHash: genesis}
	got, err := eventHash(e)
	if err != nil {
		t.Fatal(err)
	}
	// sha256 of the documented encoding, computed independently (Python hashlib):
	// {"action":"api_key.create","actor":{"id":"42",...},...,"time":"2026-01-02T03:04:05.000006Z","v":1}
	const want = "48ffb62ed37777b38f74f3619df0d4790e1be0de2e9b7e5b25bfdc51bc73d0af"
	if hex.EncodeToString(got) != want {
		t.Errorf("hash = %x, want %s", got, want)
	}
}
