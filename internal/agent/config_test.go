package agent

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestConfigSaveLoad(t *testing.T) {
	path := filepath.Join(t.TempDir(), "syncloud", "agent.json")
	want := &Config{Server: "https://app.example", APIKey: "sk_live_secret", AgentID: 42, AgentName: "laptop"}
	if err := want.Save(path); err != nil {
		t.Fatal(err)
	}
	got, err := LoadConfig(path)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("loaded config (-want +got):\n%s", diff)
	}
	if runtime.GOOS == "windows" {
		return
	}
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("config mode = %v, want 0600 (it holds the API key)", st.Mode().Perm())
	}
}

func TestConfigSaveKeepsModeWhenReplacing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "agent.json")
	if err := os.WriteFile(path, []byte(`{}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := (&Config{Server: "http://x", APIKey: "k"}).Save(path); err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if runtime.GOOS != "windows" && st.Mode().Perm() != 0o600 {
		t.Errorf("replaced config mode = %v, want 0600", st.Mode().Perm())
	}
}

func TestLoadConfigErrors(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.json")
	os.WriteFile(empty, []byte(`{"server":""}`), 0o600)
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte(`{`), 0o600)
	tests := []struct {
		name   string
		path   string
		noConf bool
	}{
		{"missing file", filepath.Join(dir, "none.json"), true},
		{"no server or key", empty, true},
		{"not JSON", bad, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := LoadConfig(tt.path)
			if err == nil {
				t.Fatal("LoadConfig succeeded")
			}
			if errors.Is(err, ErrNoConfig) != tt.noConf {
				t.Errorf("errors.Is(%v, ErrNoConfig) = %v, want %v", err, !tt.noConf, tt.noConf)
			}
		})
	}
}
