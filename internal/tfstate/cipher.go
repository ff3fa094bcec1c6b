package tfstate

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"errors"
	"fmt"
)

// KeySize is the length of a state encryption key: AES-256.
const KeySize = 32

// Cipher seals and opens secrets at rest with AES-256-GCM. A sealed value
// is the 12-byte random nonce followed by the ciphertext and tag.
type Cipher struct {
	aead cipher.AEAD
}

// NewCipher returns a Cipher for a 32-byte key.
func NewCipher(key []byte) (*Cipher, error) {
	if len(key) != KeySize {
		return nil, fmt.Errorf("state key: %d bytes, want %d", len(key), KeySize)
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, fmt.Errorf("state key: %w", err)
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, fmt.Errorf("state key: %w", err)
	}
	return &Cipher{aead: aead}, nil
}

// DeriveKey returns a key derived from key for another
// purpose (HMAC-SHA-256 of the purpose), so that one configured secret
// can protect several kinds of data without reusing a key.
func DeriveKey(key []byte, purpose string) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte("syncloud key\x00" + purpose))
	return m.Sum(nil)
}

// Seal encrypts plain, authenticating aad along with it.
func (c *Cipher) Seal(plain, aad []byte) []byte {
	nonce := make([]byte, c.aead.NonceSize(), c.aead.NonceSize()+len(plain)+c.aead.Overhead())
	rand.Read(nonce) // never fails (crypto/rand panics instead)
	return c.aead.Seal(nonce, nonce, plain, aad)
}

// ErrDecrypt means a sealed value was altered, moved, or sealed under
// another key.
var ErrDecrypt = errors.New("cannot decrypt: wrong key or tampered data")

// Open decrypts a value sealed with the same aad.
func (c *Cipher) Open(sealed, aad []byte) ([]byte, error) {
	n := c.aead.NonceSize()
	if len(sealed) < n+c.aead.Overhead() {
		return nil, ErrDecrypt
	}
	plain, err := c.aead.Open(nil, sealed[:n], sealed[n:], aad)
	if err != nil {
		return nil, ErrDecrypt
	}
	return plain, nil
}
