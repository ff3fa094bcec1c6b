package tfstate

import (
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// The environment variables that configure the state key: the key itself
// (base64 of 32 bytes) or a file holding it.
const (
	EnvKey     = "SYNCLOUD_STATE_KEY"
	EnvKeyFile = "SYNCLOUD_STATE_KEY_FILE"
)

// KeyFileName is the file under the data directory that holds the
// generated state key of an embedded (SQLite) installation.
const KeyFileName = "state.key"

// KeyConfig says where the state key comes from.
type KeyConfig struct {
	Getenv  func(string) string
	DataDir string
	// Shared is true when replicas share the database (PostgreSQL): then
	// the key must be configured, not generated per machine.
	Shared bool
}

// LoadKey reads the state key from SYNCLOUD_STATE_KEY or the file named by
// SYNCLOUD_STATE_KEY_FILE; with neither set, the embedded default reads
// DataDir/state.key, generating it (mode 0600) on first run.
func LoadKey(c KeyConfig) ([]byte, error) {
	if v := c.Getenv(EnvKey); v != "" {
		return parseKey(v)
	}
	if p := c.Getenv(EnvKeyFile); p != "" {
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", EnvKeyFile, err)
		}
		return parseKey(string(b))
	}
	if c.Shared {
		return nil, fmt.Errorf("%s (or %s) is required with PostgreSQL, so that every replica reads the same state", EnvKey, EnvKeyFile)
	}
	path := filepath.Join(c.DataDir, KeyFileName)
	b, err := os.ReadFile(path)
	if err == nil {
		return parseKey(string(b))
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("read state key: %w", err)
	}
	return generateKey(path)
}

func parseKey(s string) ([]byte, error) {
	key, err := base64.StdEncoding.DecodeString(strings.TrimSpace(s))
	if err != nil || len(key) != KeySize {
		return nil, fmt.Errorf("state key must be base64 of %d bytes", KeySize)
	}
	return key, nil
}

func generateKey(path string) ([]byte, error) {
	key := make([]byte, KeySize)
	rand.Read(key)
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("save state key: %w", err)
	}
	// O_EXCL: two processes starting at once must not overwrite each
	// other's key after one of them has encrypted with it.
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, fmt.Errorf("save state key: %w", err)
	}
	_, err = f.WriteString(base64.StdEncoding.EncodeToString(key) + "\n")
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, fmt.Errorf("save state key: %w", err)
	}
	return key, nil
}
