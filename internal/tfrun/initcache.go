package tfrun

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// What `terraform init` leaves in a run directory: the installed
// providers (links into the plugin cache), the backend settings and the
// dependency lock file. Runs whose terraform block (required providers,
// backend) is the same reuse a copy instead of running init again; plans
// of a workspace then skip about a second of Terraform's start-up and
// provider checksum work each.
const (
	dataDir  = ".terraform"
	lockFile = ".terraform.lock.hcl"
)

// initKey names what init produces for these files: the SHA-256 of the
// JSON configuration's terraform block, the binary and the mirror. ok is
// false when the configuration is not one the platform rendered (then
// init always runs).
func (t *Terraform) initKey(files map[string][]byte) (key string, ok bool) {
	var cfg struct {
		Terraform json.RawMessage `json:"terraform"`
	}
	if len(files) != 1 || json.Unmarshal(files["main.tf.json"], &cfg) != nil || len(cfg.Terraform) == 0 {
		return "", false
	}
	h := sha256.New()
	for _, part := range []string{t.Binary, t.PluginMirror, string(cfg.Terraform)} {
		h.Write([]byte(part))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil)), true
}

func (t *Terraform) initDir(key string) string { return filepath.Join(t.WorkDir, "init", key) }

// restoreInit copies a saved init into dir; false when there is none or
// its provider links no longer resolve.
func (t *Terraform) restoreInit(key, dir string) bool {
	src := t.initDir(key)
	if _, err := os.Stat(filepath.Join(src, lockFile)); err != nil {
		return false
	}
	if err := copyTree(src, dir); err != nil {
		os.RemoveAll(filepath.Join(dir, dataDir))
		os.Remove(filepath.Join(dir, lockFile))
		return false
	}
	return true
}

// saveInit keeps a copy of dir's init under key; a failure only costs the
// next run an init.
func (t *Terraform) saveInit(key, dir string) error {
	tmp := filepath.Join(t.WorkDir, "init", "tmp-"+rand.Text())
	if err := os.MkdirAll(tmp, 0o700); err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	for _, name := range []string{dataDir, lockFile} {
		if err := copyTree(filepath.Join(dir, name), filepath.Join(tmp, name)); err != nil {
			return fmt.Errorf("save terraform init: %w", err)
		}
	}
	err := os.Rename(tmp, t.initDir(key))
	if errors.Is(err, fs.ErrExist) || (err != nil && dirExists(t.initDir(key))) {
		return nil // another run saved the same init first
	}
	return err
}

func dirExists(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.IsDir()
}

// copyTree copies src (a file or a directory) to dst, recreating symbolic
// links as links; a link whose target is gone is an error.
func copyTree(src, dst string) error {
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		to := filepath.Join(dst, rel)
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			return copyLink(p, to)
		case d.IsDir():
			return os.MkdirAll(to, 0o700)
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		return copyFile(p, to, info.Mode().Perm())
	})
}

func copyLink(from, to string) error {
	target, err := os.Readlink(from)
	if err != nil {
		return err
	}
	if _, err := os.Stat(from); err != nil {
		return fmt.Errorf("provider link %s: %w", from, err)
	}
	return os.Symlink(target, to)
}

func copyFile(from, to string, perm fs.FileMode) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
