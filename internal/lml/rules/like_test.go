package rules

import "testing"

func TestLike(t *testing.T) {
	tests := []struct {
		got, want string
		ok        bool
	}{
		{"bucket", "bucket", true}, {"buckets", "bucket", true}, {"boxes", "box", true},
		{"policies", "policy", true}, {"policys", "policy", true}, {"lauch", "launch", true},
		{"servres", "server", true}, {"oregn", "oregon", true}, {"bucketses", "bucket", false},
		{"pies", "py", true}, {"ies", "y", true}, {"http", "https", true}, {"cat", "car", false},
		{"queue", "table", false}, {"s", "", false},
	}
	for _, tt := range tests {
		if got := Like(tt.got, tt.want); got != tt.ok {
			t.Errorf("Like(%q, %q) = %v, want %v", tt.got, tt.want, got, tt.ok)
		}
	}
}

func TestTokenizeSpacedHyphenBreaks(t *testing.T) {
	tx := Tokenize("six subnets - three public, three private -- all tagged")
	if tx.Len() != 8 || !tx.Toks[1].Break || !tx.Toks[5].Break || tx.Norm(2) != "three" {
		t.Errorf("tokens %+v: a spaced hyphen should end the clause and vanish", tx.Toks)
	}
}

func TestDurationsInWords(t *testing.T) {
	for in, want := range map[string]int{"a two-minute delay": 120, "keep it half an hour": 1800, "a thirty-day window": 30 * 86400} {
		ds := Tokenize(in).Durations()
		if len(ds) != 1 || ds[0].Value != want {
			t.Errorf("Durations(%q) = %v, want one of %d s", in, ds, want)
		}
	}
}
