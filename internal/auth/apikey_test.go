package auth

import (
	"strings"
	"testing"
)

func TestNewKeyShape(t *testing.T) {
	seen := map[string]bool{}
	for range 200 {
		k := NewKey()
		if len(k) != 39 || !strings.HasPrefix(k, "sc_") {
			t.Fatalf("key %q: want sc_ + 36 characters", k)
		}
		if _, err := ParseKey(k); err != nil {
			t.Fatalf("ParseKey(NewKey()) = %v", err)
		}
		if seen[k] {
			t.Fatalf("duplicate key %q", k)
		}
		seen[k] = true
	}
}

func TestKeyChecksumIsCRC32OfBody(t *testing.T) {
	// CRC32-IEEE("123456789") = 0xCBF43926 = 3421780262, which is
	// 3 45 35 27 22 14 in base 62 ("3jZRME").
	if got := keyChecksum("123456789"); got != "3jZRME" {
		t.Errorf("keyChecksum = %q, want 3jZRME", got)
	}
}

func TestParseKeyRejects(t *testing.T) {
	good := NewKey()
	flip := func(i int) string {
		b := []byte(good)
		if b[i] == 'a' {
			b[i] = 'b'
		} else {
			b[i] = 'a'
		}
		return string(b)
	}
	for _, tc := range []struct{ name, key string }{
		{"empty", ""},
		{"wrong prefix", "sk_" + good[3:]},
		{"short", good[:38]},
		{"long", good + "0"},
		{"typo in body", flip(10)},
		{"typo in checksum", flip(37)},
		{"bad alphabet", good[:10] + "-" + good[11:]},
		{"bearer word", "Bearer " + good},
	} {
		if _, err := ParseKey(tc.key); err != ErrMalformedKey {
			t.Errorf("%s: ParseKey(%q) = %v, want ErrMalformedKey", tc.name, tc.key, err)
		}
	}
}

func TestKeyDisplayPrefix(t *testing.T) {
	k := NewKey()
	if p := KeyDisplayPrefix(k); p != k[:8] || !strings.HasPrefix(p, "sc_") {
		t.Errorf("KeyDisplayPrefix = %q", p)
	}
}

func FuzzParseKey(f *testing.F) {
	f.Add(NewKey())
	f.Add("sc_000000000000000000000000000000000000")
	f.Fuzz(func(t *testing.T, s string) {
		k, err := ParseKey(s)
		if err != nil {
			return
		}
		if k != s || len(k) != KeyLen || keyChecksum(k[3:33]) != k[33:] {
			t.Fatalf("ParseKey accepted %q", s)
		}
	})
}
