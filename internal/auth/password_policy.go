package auth

import (
	_ "embed"
	"errors"
	"strings"
	"sync"
	"unicode/utf8"
)

// Password length bounds, counted in characters (runes). There are no
// composition rules (NIST SP 800-63B).
const (
	MinPasswordLen = 8
	MaxPasswordLen = 128
)

// Reasons a new password is refused; all match ErrWeakPassword with
// errors.Is.
var (
	ErrWeakPassword     = errors.New("password not acceptable")
	ErrPasswordShort    = weak("password must have at least 8 characters")
	ErrPasswordLong     = weak("password must have at most 128 characters")
	ErrPasswordCommon   = weak("password is one of the most commonly used passwords")
	ErrPasswordNotValid = weak("password is not valid UTF-8")
)

type weakError string

func weak(msg string) error { return weakError(msg) }

func (e weakError) Error() string { return string(e) }

func (e weakError) Is(target error) bool { return target == ErrWeakPassword }

// commonPasswords is a list of passwords attackers try first: the
// well-known leaders of public breach rankings and the patterns they
// follow (word + digits or year, keyboard walks, repeated digits), one
// lower-case entry a line.
//
//go:embed common_passwords.txt
var commonPasswords string

// commonSet is the parsed commonPasswords, built on first use.
var commonSet = sync.OnceValue(func() map[string]struct{} {
	set := make(map[string]struct{}, 8192)
	for line := range strings.Lines(commonPasswords) {
		if p := strings.TrimSpace(line); p != "" {
			set[p] = struct{}{}
		}
	}
	return set
})

// CheckPassword reports why password may not be chosen, or nil when it
// may. Comparison with the common list ignores case.
func CheckPassword(password string) error {
	if !utf8.ValidString(password) {
		return ErrPasswordNotValid
	}
	n := utf8.RuneCountInString(password)
	switch {
	case n < MinPasswordLen:
		return ErrPasswordShort
	case n > MaxPasswordLen:
		return ErrPasswordLong
	}
	if _, ok := commonSet()[strings.ToLower(password)]; ok {
		return ErrPasswordCommon
	}
	return nil
}
