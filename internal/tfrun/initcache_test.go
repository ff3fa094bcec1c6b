package tfrun

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// initTree lays out what terraform init leaves: a provider link into the
// plugin cache, the backend settings and the lock file.
func initTree(t *testing.T, dir, cache string) {
	t.Helper()
	providers := filepath.Join(dir, dataDir, "providers", "registry.terraform.io", "hashicorp", "aws", "5.100.0")
	if err := os.MkdirAll(providers, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(cache, filepath.Join(providers, "linux_amd64")); err != nil {
		t.Fatal(err)
	}
	for name, body := range map[string]string{filepath.Join(dataDir, "terraform.tfstate"): `{"backend":{"type":"http"}}`,
		lockFile: `provider "registry.terraform.io/hashicorp/aws" {}`} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
	}
}

// listTree maps each path under dir to its link target or file content.
func listTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if target, err := os.Readlink(p); err == nil {
			out[rel] = "-> " + target
			return nil
		}
		b, _ := os.ReadFile(p)
		out[rel] = string(b)
		return nil
	})
	return out
}

func TestInitCache(t *testing.T) {
	tf := &Terraform{Binary: "terraform", WorkDir: t.TempDir()}
	cache := t.TempDir()
	files := map[string][]byte{"main.tf.json": []byte(`{"terraform":{"backend":{"http":{"address":"http://x/1"}}},"resource":{}}`)}
	key, ok := tf.initKey(files)
	if !ok {
		t.Fatal("a rendered configuration has no init key")
	}
	other, _ := tf.initKey(map[string][]byte{"main.tf.json": []byte(`{"terraform":{"backend":{"http":{"address":"http://x/2"}}}}`)})
	if other == key {
		t.Error("another backend has the same init key")
	}
	if _, ok := tf.initKey(map[string][]byte{"main.tf": []byte(`terraform {}`)}); ok {
		t.Error("an HCL configuration got an init key")
	}
	first, second := t.TempDir(), t.TempDir()
	if tf.restoreInit(key, second) {
		t.Fatal("restored an init that was never saved")
	}
	initTree(t, first, cache)
	if err := tf.saveInit(key, first); err != nil {
		t.Fatal(err)
	}
	if err := tf.saveInit(key, first); err != nil {
		t.Errorf("saving the same init twice: %v", err)
	}
	if !tf.restoreInit(key, second) {
		t.Fatal("the saved init was not restored")
	}
	if diff := cmp.Diff(listTree(t, first), listTree(t, second)); diff != "" {
		t.Errorf("restored init (-saved +restored):\n%s", diff)
	}
	if err := os.RemoveAll(cache); err != nil {
		t.Fatal(err)
	}
	third := t.TempDir()
	if tf.restoreInit(key, third) {
		t.Error("restored an init whose provider link is gone")
	}
	if got := listTree(t, third); len(got) != 0 {
		t.Errorf("a failed restore left %v", got)
	}
}
