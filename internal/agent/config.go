package agent

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// Config is what `syncloud-agent login` keeps between commands: the
// platform to talk to, the API key, and the agent's registered identity.
type Config struct {
	Server    string `json:"server"`
	APIKey    string `json:"api_key"`
	AgentID   int64  `json:"agent_id"`
	AgentName string `json:"agent_name"`
}

// ErrNoConfig means the agent has not logged in on this machine.
var ErrNoConfig = errors.New("not logged in: run `syncloud-agent login --server URL --api-key KEY`")

// DefaultConfigPath is agent.json in the syncloud directory of the OS
// configuration directory (~/.config on Linux, ~/Library/Application
// Support on macOS, %AppData% on Windows).
func DefaultConfigPath() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("locate config dir: %w", err)
	}
	return filepath.Join(dir, "syncloud", "agent.json"), nil
}

// LoadConfig reads the configuration at path; a missing file is
// ErrNoConfig.
func LoadConfig(path string) (*Config, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, ErrNoConfig
	}
	if err != nil {
		return nil, fmt.Errorf("read agent config: %w", err)
	}
	var c Config
	if err := json.Unmarshal(b, &c); err != nil {
		return nil, fmt.Errorf("decode agent config %s: %w", path, err)
	}
	if c.Server == "" || c.APIKey == "" {
		return nil, fmt.Errorf("agent config %s: %w", path, ErrNoConfig)
	}
	return &c, nil
}

// Save writes the configuration to path with file mode 0600 (it holds the
// API key), replacing any earlier file atomically.
func (c *Config) Save(path string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("create config dir: %w", err)
	}
	b, err := json.MarshalIndent(c, "", "  ")
	if err != nil {
		return fmt.Errorf("encode agent config: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".agent-*.json")
	if err != nil {
		return fmt.Errorf("write agent config: %w", err)
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o600); err != nil && !errors.Is(err, errors.ErrUnsupported) {
		tmp.Close()
		return fmt.Errorf("chmod agent config: %w", err)
	}
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		return fmt.Errorf("write agent config: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write agent config: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("install agent config: %w", err)
	}
	return nil
}
