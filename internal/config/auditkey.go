package config

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// AuditKeyFileName is the file under the data directory that holds the
// generated audit signing key of an embedded (SQLite) installation.
const AuditKeyFileName = "audit-signing.key"

// EnsureAuditKey makes sure c.AuditKey is set. With none configured, the
// embedded default reads DataDir/audit-signing.key, generating and saving it
// (mode 0600) on first run; a PostgreSQL installation, whose replicas must
// share one key, must configure it and gets an error instead. It reports
// whether a new key was generated.
func (c *Config) EnsureAuditKey() (bool, error) {
	if c.AuditKey != nil {
		return false, nil
	}
	if c.Postgres() {
		return false, fmt.Errorf("%s (or %s_FILE) is required with PostgreSQL, so that every replica signs with the same key", EnvAuditKey, EnvAuditKey)
	}
	path := filepath.Join(c.DataDir, AuditKeyFileName)
	b, err := os.ReadFile(path)
	if err == nil {
		key, err := ParseAuditKey(string(b))
		if err != nil {
			return false, fmt.Errorf("read %s: %w", path, err)
		}
		c.AuditKey = key
		return false, nil
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return false, fmt.Errorf("read audit signing key: %w", err)
	}
	return true, c.generateAuditKey(path)
}

func (c *Config) generateAuditKey(path string) error {
	_, key, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return fmt.Errorf("generate audit signing key: %w", err)
	}
	if err := os.MkdirAll(c.DataDir, 0o700); err != nil {
		return fmt.Errorf("create data dir: %w", err)
	}
	enc := base64.StdEncoding.EncodeToString(key.Seed()) + "\n"
	// O_EXCL: two processes starting at once must not overwrite each
	// other's key after one of them has signed with it.
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("save audit signing key: %w", err)
	}
	if _, err := f.WriteString(enc); err != nil {
		f.Close()
		return fmt.Errorf("save audit signing key: %w", err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("save audit signing key: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("save audit signing key: %w", err)
	}
	c.AuditKey = key
	return nil
}
