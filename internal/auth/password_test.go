package auth

import (
	"errors"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/crypto/argon2"
)

func TestHashPasswordFormatAndVerify(t *testing.T) {
	h, err := HashPassword("correct horse battery", MinParams)
	if err != nil {
		t.Fatal(err)
	}
	phcRE := regexp.MustCompile(`^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$`)
	if !phcRE.MatchString(h) {
		t.Fatalf("hash %q is not an argon2id PHC string with the minimum params", h)
	}
	h2, _ := HashPassword("correct horse battery", MinParams)
	if h == h2 {
		t.Error("two hashes of one password are equal: salt not random")
	}
	for _, tc := range []struct {
		password string
		want     bool
	}{
		{"correct horse battery", true},
		{"correct horse batterY", false},
		{"", false},
	} {
		got, err := VerifyPassword(tc.password, h)
		if err != nil || got != tc.want {
			t.Errorf("VerifyPassword(%q) = %v, %v; want %v", tc.password, got, err, tc.want)
		}
	}
}

func TestHashPasswordRefusesWeakParams(t *testing.T) {
	for _, p := range []Params{
		{Memory: 4096, Time: 2, Threads: 1},
		{Memory: 19456, Time: 1, Threads: 1},
		{Memory: 19456, Time: 2, Threads: 0},
	} {
		if _, err := HashPassword("whatever12345", p); err == nil {
			t.Errorf("HashPassword with %+v succeeded", p)
		}
	}
}

func TestVerifyPasswordMalformed(t *testing.T) {
	for _, h := range []string{
		"",
		"plaintext",
		"$argon2i$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaA",
		"$argon2id$v=18$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaA",
		"$argon2id$v=19$m=19456,t=0,p=1$c2FsdHNhbHRzYWx0$aGFzaA",
		"$argon2id$v=19$m=19456,t=2,p=1$!!!$aGFzaA",
		"$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$",
	} {
		if _, err := VerifyPassword("x", h); !errors.Is(err, ErrMalformedHash) {
			t.Errorf("VerifyPassword(%q) error = %v, want ErrMalformedHash", h, err)
		}
	}
}

func TestNeedsRehash(t *testing.T) {
	// A hash made with weak legacy parameters (m=4096,t=1) still verifies,
	// and is flagged for rehashing.
	weak := encodePHC(Params{Memory: 4096, Time: 1, Threads: 1}, []byte("0123456789abcdef"),
		legacyKey("hunter2hunter2", []byte("0123456789abcdef")))
	ok, err := VerifyPassword("hunter2hunter2", weak)
	if err != nil || !ok {
		t.Fatalf("legacy hash does not verify: %v %v", ok, err)
	}
	strong, _ := HashPassword("hunter2hunter2", MinParams)
	stronger := MinParams
	stronger.Time = 3
	for _, tc := range []struct {
		name string
		hash string
		want Params
		need bool
	}{
		{"weak legacy", weak, MinParams, true},
		{"at minimum", strong, MinParams, false},
		{"below new target", strong, stronger, true},
		{"unreadable", "garbage", MinParams, true},
	} {
		if got := NeedsRehash(tc.hash, tc.want); got != tc.need {
			t.Errorf("%s: NeedsRehash = %v, want %v", tc.name, got, tc.need)
		}
	}
}

func TestCheckPassword(t *testing.T) {
	for _, tc := range []struct {
		password string
		want     error
	}{
		{"short12", ErrPasswordShort},
		{"ééééééé", ErrPasswordShort},   // 7 characters, 14 bytes
		{"éééééééé", nil},               // 8 characters
		{strings.Repeat("a", 128), nil}, // repeated, but long and not listed
		{strings.Repeat("a", 129), ErrPasswordLong},
		{"password", ErrPasswordCommon},
		{"Password1", ErrPasswordCommon},
		{"QWERTY123", ErrPasswordCommon},
		{"iloveyou2019", ErrPasswordCommon},
		{"1q2w3e4r5t", ErrPasswordCommon},
		{"11111111", ErrPasswordCommon},
		{"alllowercaseletters", nil}, // no composition rules
		{"violet-tram-quarry", nil},
		{"\xff\xfe\xfd\xfc\xfb\xfa\xf9\xf8", ErrPasswordNotValid},
	} {
		err := CheckPassword(tc.password)
		if err != tc.want {
			t.Errorf("CheckPassword(%q) = %v, want %v", tc.password, err, tc.want)
		}
		if err != nil && !errors.Is(err, ErrWeakPassword) {
			t.Errorf("CheckPassword(%q) error %v does not match ErrWeakPassword", tc.password, err)
		}
	}
}

func TestCommonPasswordListSize(t *testing.T) {
	n := 0
	for p := range commonSet() {
		if len(p) >= MinPasswordLen {
			n++
		}
	}
	if n < 1000 {
		t.Errorf("only %d listed common passwords are long enough to matter; want at least 1000", n)
	}
}

func BenchmarkVerifyPassword(b *testing.B) {
	h, _ := HashPassword("correct horse battery", MinParams)
	for b.Loop() {
		VerifyPassword("correct horse battery", h)
	}
}

// legacyKey derives a key with weak parameters (m=4096,t=1,p=1), as an
// older deployment might have stored.
func legacyKey(password string, salt []byte) []byte {
	return argon2.IDKey([]byte(password), salt, 1, 4096, 1, 32)
}
