package config

import (
	"crypto/ed25519"
	"encoding/base64"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func env(m map[string]string) Getenv { return func(k string) string { return m[k] } }

func TestLoad(t *testing.T) {
	seed := make([]byte, ed25519.SeedSize)
	seed[0] = 7
	keyFile := filepath.Join(t.TempDir(), "key")
	if err := os.WriteFile(keyFile, []byte(base64.StdEncoding.EncodeToString(seed)+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	type view struct {
		Addr, DataDir, DatabaseURL string
		Dev                        bool
		Level                      slog.Level
		Rate                       float64
		HasKey                     bool
		Rest                       []string
	}
	tests := []struct {
		name string
		env  map[string]string
		args []string
		want view
	}{
		{"defaults", nil, nil, view{Addr: DefaultAddr, DataDir: DefaultDataDir, Rate: DefaultRateLimit}},
		{
			"env",
			map[string]string{EnvAddr: ":9000", EnvDataDir: "/d", EnvDev: "true", EnvLogLevel: "debug", EnvDatabaseURL: "postgres://u:p@h/db"},
			nil,
			view{Addr: ":9000", DataDir: "/d", DatabaseURL: "postgres://u:p@h/db", Dev: true, Level: slog.LevelDebug, Rate: DefaultRateLimit},
		},
		{
			"flags override env",
			map[string]string{EnvAddr: ":9000", EnvRateLimit: "5"},
			[]string{"--addr", "127.0.0.1:1", "--rate-limit", "0", "verify"},
			view{Addr: "127.0.0.1:1", DataDir: DefaultDataDir, Rest: []string{"verify"}},
		},
		{
			"key from file",
			map[string]string{EnvAuditKey + "_FILE": keyFile},
			nil,
			view{Addr: DefaultAddr, DataDir: DefaultDataDir, Rate: DefaultRateLimit, HasKey: true},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, rest, err := Load("serve", tt.args, env(tt.env), io.Discard)
			if err != nil {
				t.Fatal(err)
			}
			got := view{c.Addr, c.DataDir, c.DatabaseURL, c.Dev, c.LogLevel, c.RateLimit, c.AuditKey != nil, rest}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("config (-want +got):\n%s", diff)
			}
		})
	}
}

func TestLoadRejects(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		args []string
		want string
	}{
		{"bad addr", map[string]string{EnvAddr: "nohost"}, nil, "addr"},
		{"mysql", map[string]string{EnvDatabaseURL: "mysql://x"}, nil, "postgres://"},
		{"bad redis", nil, []string{"--redis-url", "http://x"}, "redis://"},
		{"bad bool", map[string]string{EnvDev: "maybe"}, nil, EnvDev},
		{"both secret forms", map[string]string{EnvLLMKey: "a", EnvLLMKey + "_FILE": "/x"}, nil, "both set"},
		{"missing secret file", map[string]string{EnvLLMKey + "_FILE": "/nonexistent/x"}, nil, EnvLLMKey + "_FILE"},
		{"short key", map[string]string{EnvAuditKey: base64.StdEncoding.EncodeToString([]byte("short"))}, nil, "5 bytes"},
		{"negative rate", map[string]string{EnvRateLimit: "-1"}, nil, "negative"},
		{"unknown flag", nil, []string{"--nope"}, "nope"},
		{"oauth id without secret", map[string]string{EnvGitHubID: "id"}, nil, "both its ID and its secret"},
		{"bad public URL", map[string]string{EnvPublicURL: "ftp://x"}, nil, "public URL"},
		{"bad SMTP URL", map[string]string{EnvSMTPURL: "http://mail"}, nil, "smtp://"},
		{"bad mail from", nil, []string{"--mail-from", "nobody"}, "mail from"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := Load("serve", tt.args, env(tt.env), io.Discard)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Load error = %v, want one mentioning %q", err, tt.want)
			}
		})
	}
}

func TestRedactedHidesSecrets(t *testing.T) {
	c, _, err := Load("serve", nil, env(map[string]string{
		EnvDatabaseURL:  "postgres://admin:hunter2@db/x",
		EnvRedisURL:     "redis://:redispass@r:6379/0",
		EnvLLMKey:       "sk-secret",
		EnvGitHubID:     "gh-id",
		EnvGitHubSecret: "gh-secret",
		EnvAuditKey:     base64.StdEncoding.EncodeToString(make([]byte, 32)),
		EnvSMTPURL:      "smtp://mailer:smtppass@mail.example:587",
	}), io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	out := c.Redacted()
	for _, secret := range []string{"hunter2", "redispass", "sk-secret", "gh-secret", "AAAA", "smtppass"} {
		if strings.Contains(out, secret) {
			t.Errorf("Redacted() leaks %q:\n%s", secret, out)
		}
	}
	if !strings.Contains(out, "admin") || !strings.Contains(out, "audit_signing_key=(set)") || !strings.Contains(out, "mail.example") {
		t.Errorf("Redacted() lost non-secret detail:\n%s", out)
	}
}

func TestMailSettings(t *testing.T) {
	file := filepath.Join(t.TempDir(), "smtp")
	if err := os.WriteFile(file, []byte("smtps://u:p@mail.example\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name           string
		env            map[string]string
		wantURL, wantF string
	}{
		{"default", nil, "", DefaultMailFrom},
		{"env", map[string]string{EnvSMTPURL: "smtp://h:25", EnvMailFrom: "ops@example.com"}, "smtp://h:25", "ops@example.com"},
		{"file", map[string]string{EnvSMTPURL + "_FILE": file}, "smtps://u:p@mail.example", DefaultMailFrom},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, _, err := Load("serve", nil, env(tt.env), io.Discard)
			if err != nil {
				t.Fatal(err)
			}
			if c.SMTPURL != tt.wantURL || c.MailFrom != tt.wantF {
				t.Errorf("SMTPURL, MailFrom = %q, %q; want %q, %q", c.SMTPURL, c.MailFrom, tt.wantURL, tt.wantF)
			}
		})
	}
}

func TestEnsureAuditKey(t *testing.T) {
	dir := t.TempDir()
	c := &Config{DataDir: dir, ShutdownTimeout: time.Second}
	created, err := c.EnsureAuditKey()
	if err != nil || !created || c.AuditKey == nil {
		t.Fatalf("first run: created=%v key=%v err=%v", created, c.AuditKey != nil, err)
	}
	info, err := os.Stat(filepath.Join(dir, AuditKeyFileName))
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != 0o600 {
		t.Errorf("key file mode = %v, want 0600", info.Mode().Perm())
	}
	again := &Config{DataDir: dir}
	created, err = again.EnsureAuditKey()
	if err != nil || created {
		t.Fatalf("second run: created=%v err=%v", created, err)
	}
	if !again.AuditKey.Equal(c.AuditKey) {
		t.Error("second run read a different key than the first saved")
	}
	pg := &Config{DataDir: t.TempDir(), DatabaseURL: "postgres://x"}
	if _, err := pg.EnsureAuditKey(); err == nil {
		t.Error("PostgreSQL without a configured key: want an error")
	}
}
