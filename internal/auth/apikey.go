package auth

import (
	"crypto/rand"
	"errors"
	"hash/crc32"
	"strings"
)

// API keys look like GitHub's tokens so that secret scanners can find
// leaked ones without a database: "sc_", 30 random base62 characters, then
// the CRC32 of those 30 characters as 6 base62 digits.
const (
	KeyPrefix     = "sc_"
	keyRandomLen  = 30
	keyChecksumLn = 6
	// KeyLen is the length of a whole key.
	KeyLen = len(KeyPrefix) + keyRandomLen + keyChecksumLn
	// KeyDisplayLen is how much of a key is stored and shown to tell keys
	// apart: "sc_" and the first 5 random characters.
	KeyDisplayLen = 8
)

const base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

// ErrMalformedKey reports a string that is not an API key: wrong prefix,
// length, alphabet or checksum. Callers answer it like any other failed
// authentication.
var ErrMalformedKey = errors.New("malformed api key")

// NewKey returns a fresh API key with about 178 random bits.
func NewKey() string {
	var b strings.Builder
	b.Grow(KeyLen)
	b.WriteString(KeyPrefix)
	body := randomBase62(keyRandomLen)
	b.WriteString(body)
	b.WriteString(keyChecksum(body))
	return b.String()
}

// randomBase62 draws n characters uniformly from the base62 alphabet,
// rejecting bytes that would bias the draw.
func randomBase62(n int) string {
	out := make([]byte, 0, n)
	buf := make([]byte, n*2)
	for len(out) < n {
		rand.Read(buf)
		for _, c := range buf {
			if c >= 248 { // 248 = 4*62; larger bytes would favour low digits
				continue
			}
			out = append(out, base62[c%62])
			if len(out) == n {
				break
			}
		}
	}
	return string(out)
}

// keyChecksum is the CRC32 (IEEE) of body as 6 base62 digits, most
// significant first.
func keyChecksum(body string) string {
	v := crc32.ChecksumIEEE([]byte(body))
	var d [keyChecksumLn]byte
	for i := keyChecksumLn - 1; i >= 0; i-- {
		d[i] = base62[v%62]
		v /= 62
	}
	return string(d[:])
}

// ParseKey checks that s has an API key's shape and a correct checksum and
// returns it unchanged; a typo or a made-up key fails here, before any
// database lookup.
func ParseKey(s string) (string, error) {
	if len(s) != KeyLen || !strings.HasPrefix(s, KeyPrefix) {
		return "", ErrMalformedKey
	}
	rest := s[len(KeyPrefix):]
	for i := 0; i < len(rest); i++ {
		if strings.IndexByte(base62, rest[i]) < 0 {
			return "", ErrMalformedKey
		}
	}
	body, sum := rest[:keyRandomLen], rest[keyRandomLen:]
	if keyChecksum(body) != sum {
		return "", ErrMalformedKey
	}
	return s, nil
}

// KeyDisplayPrefix is the part of a key that is stored in the clear and
// shown in key lists.
func KeyDisplayPrefix(key string) string {
	return key[:min(len(key), KeyDisplayLen)]
}
