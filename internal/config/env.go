package config

import (
	"crypto/ed25519"
	"encoding/base64"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"os"
	"strconv"
	"strings"
	"time"
)

// Environment variables read by Load. Each secret also has a *_FILE form.
const (
	EnvAddr            = "SYNCLOUD_ADDR"
	EnvDataDir         = "SYNCLOUD_DATA_DIR"
	EnvDatabaseURL     = "SYNCLOUD_DATABASE_URL"
	EnvRedisURL        = "SYNCLOUD_REDIS_URL"
	EnvAuditKey        = "SYNCLOUD_AUDIT_SIGNING_KEY"
	EnvDev             = "SYNCLOUD_DEV"
	EnvLLMURL          = "SYNCLOUD_LLM_URL"
	EnvLLMModel        = "SYNCLOUD_LLM_MODEL"
	EnvLLMKey          = "SYNCLOUD_LLM_API_KEY"
	EnvTFPluginMirror  = "SYNCLOUD_TF_PLUGIN_MIRROR"
	EnvLogLevel        = "SYNCLOUD_LOG_LEVEL"
	EnvRateLimit       = "SYNCLOUD_RATE_LIMIT"
	EnvRateBurst       = "SYNCLOUD_RATE_BURST"
	EnvShutdownTimeout = "SYNCLOUD_SHUTDOWN_TIMEOUT"
	EnvGenerateCache   = "SYNCLOUD_GENERATE_CACHE"
	EnvPublicURL       = "SYNCLOUD_PUBLIC_URL"
	EnvGitHubID        = "SYNCLOUD_GITHUB_CLIENT_ID"
	EnvGitHubSecret    = "SYNCLOUD_GITHUB_CLIENT_SECRET"
	EnvGoogleID        = "SYNCLOUD_GOOGLE_CLIENT_ID"
	EnvGoogleSecret    = "SYNCLOUD_GOOGLE_CLIENT_SECRET"
	EnvTrustedProxies  = "SYNCLOUD_TRUSTED_PROXIES"
	EnvSMTPURL         = "SYNCLOUD_SMTP_URL"
	EnvMailFrom        = "SYNCLOUD_MAIL_FROM"
)

// Defaults for settings left unset.
const (
	DefaultAddr      = "127.0.0.1:8080"
	DefaultDataDir   = "./data"
	DefaultRateLimit = 50
	DefaultRateBurst = 100
	// DefaultGenerateCache is the number of generate answers kept.
	DefaultGenerateCache = 1024
	// DefaultMailFrom is the From address of outgoing mail.
	DefaultMailFrom = "SynCloud <no-reply@localhost>"
)

// envReader collects every malformed variable instead of stopping at the
// first one.
type envReader struct {
	getenv Getenv
	errs   []error
}

func (r *envReader) str(key, def string) string {
	if v := r.getenv(key); v != "" {
		return v
	}
	return def
}

// secret reads key, or the file named by key_FILE; setting both is an error.
func (r *envReader) secret(key string) string {
	v, path := r.getenv(key), r.getenv(key+"_FILE")
	if path == "" {
		return v
	}
	if v != "" {
		r.errs = append(r.errs, fmt.Errorf("%s and %s_FILE are both set", key, key))
		return ""
	}
	b, err := os.ReadFile(path)
	if err != nil {
		r.errs = append(r.errs, fmt.Errorf("%s_FILE: %w", key, err))
		return ""
	}
	return strings.TrimSpace(string(b))
}

func (r *envReader) boolean(key string) bool {
	v := r.getenv(key)
	if v == "" {
		return false
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		r.errs = append(r.errs, fmt.Errorf("%s: %w", key, err))
	}
	return b
}

func (r *envReader) float(key string, def float64) float64 {
	v := r.getenv(key)
	if v == "" {
		return def
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil {
		r.errs = append(r.errs, fmt.Errorf("%s: %w", key, err))
	}
	return f
}

func (r *envReader) duration(key string, def time.Duration) time.Duration {
	v := r.getenv(key)
	if v == "" {
		return def
	}
	d, err := time.ParseDuration(v)
	if err != nil {
		r.errs = append(r.errs, fmt.Errorf("%s: %w", key, err))
	}
	return d
}

func (r *envReader) level(key string) slog.Level {
	var l slog.Level
	if v := r.getenv(key); v != "" {
		if err := l.UnmarshalText([]byte(v)); err != nil {
			r.errs = append(r.errs, fmt.Errorf("%s: %w", key, err))
		}
	}
	return l
}

func (r *envReader) networks(key string) []*net.IPNet {
	var out []*net.IPNet
	for _, s := range strings.Split(r.getenv(key), ",") {
		if s = strings.TrimSpace(s); s == "" {
			continue
		}
		_, n, err := net.ParseCIDR(s)
		if err != nil {
			r.errs = append(r.errs, fmt.Errorf("%s: %w", key, err))
			continue
		}
		out = append(out, n)
	}
	return out
}

// fromEnv builds a Config from the environment and a flag set whose
// defaults are those values, so that flags given later override them.
func fromEnv(name string, getenv Getenv) (*Config, *flag.FlagSet, error) {
	r := &envReader{getenv: getenv}
	c := &Config{
		Addr:            r.str(EnvAddr, DefaultAddr),
		DataDir:         r.str(EnvDataDir, DefaultDataDir),
		DatabaseURL:     r.secret(EnvDatabaseURL),
		RedisURL:        r.secret(EnvRedisURL),
		Dev:             r.boolean(EnvDev),
		LLMURL:          r.str(EnvLLMURL, ""),
		LLMModel:        r.str(EnvLLMModel, ""),
		LLMKey:          r.secret(EnvLLMKey),
		TFPluginMirror:  r.str(EnvTFPluginMirror, ""),
		PublicURL:       strings.TrimRight(r.str(EnvPublicURL, ""), "/"),
		GitHubClientID:  r.str(EnvGitHubID, ""),
		GoogleClientID:  r.str(EnvGoogleID, ""),
		LogLevel:        r.level(EnvLogLevel),
		RateLimit:       r.float(EnvRateLimit, DefaultRateLimit),
		RateBurst:       int(r.float(EnvRateBurst, DefaultRateBurst)),
		GenerateCache:   int(r.float(EnvGenerateCache, DefaultGenerateCache)),
		ShutdownTimeout: r.duration(EnvShutdownTimeout, 30*time.Second),
		TrustedProxies:  r.networks(EnvTrustedProxies),
		SMTPURL:         r.secret(EnvSMTPURL),
		MailFrom:        r.str(EnvMailFrom, DefaultMailFrom),
	}
	c.GitHubClientSecret = r.secret(EnvGitHubSecret)
	c.GoogleClientSecret = r.secret(EnvGoogleSecret)
	if raw := r.secret(EnvAuditKey); raw != "" {
		key, err := ParseAuditKey(raw)
		if err != nil {
			r.errs = append(r.errs, fmt.Errorf("%s: %w", EnvAuditKey, err))
		}
		c.AuditKey = key
	}
	if err := errors.Join(r.errs...); err != nil {
		return nil, nil, err
	}
	return c, c.flags(name), nil
}

func (c *Config) flags(name string) *flag.FlagSet {
	fs := newFlagSet(name)
	fs.StringVar(&c.Addr, "addr", c.Addr, "listen address host:port ("+EnvAddr+")")
	fs.StringVar(&c.DataDir, "data-dir", c.DataDir, "data directory ("+EnvDataDir+")")
	fs.StringVar(&c.DatabaseURL, "database-url", c.DatabaseURL, "postgres:// URL; empty means SQLite ("+EnvDatabaseURL+")")
	fs.StringVar(&c.RedisURL, "redis-url", c.RedisURL, "redis:// URL ("+EnvRedisURL+")")
	fs.StringVar(&c.PublicURL, "public-url", c.PublicURL, "public base URL ("+EnvPublicURL+")")
	fs.BoolVar(&c.Dev, "dev", c.Dev, "development mode: cookies over plain HTTP on localhost ("+EnvDev+")")
	fs.StringVar(&c.TFPluginMirror, "tf-plugin-mirror", c.TFPluginMirror, "Terraform provider mirror dir ("+EnvTFPluginMirror+")")
	fs.Float64Var(&c.RateLimit, "rate-limit", c.RateLimit, "requests/s per key or IP, 0 = off ("+EnvRateLimit+")")
	fs.IntVar(&c.RateBurst, "rate-burst", c.RateBurst, "rate limit burst ("+EnvRateBurst+")")
	fs.IntVar(&c.GenerateCache, "generate-cache", c.GenerateCache, "generate answers cached, 0 = off ("+EnvGenerateCache+")")
	fs.TextVar(&c.LogLevel, "log-level", c.LogLevel, "debug, info, warn or error ("+EnvLogLevel+")")
	fs.StringVar(&c.SMTPURL, "smtp-url", c.SMTPURL, "smtp:// or smtps:// mail server; empty holds mail ("+EnvSMTPURL+")")
	fs.StringVar(&c.MailFrom, "mail-from", c.MailFrom, "From address of outgoing mail ("+EnvMailFrom+")")
	return fs
}

// ParseAuditKey reads an Ed25519 key as base64 (standard or URL alphabet) of
// either its 32-byte seed or its 64-byte private key.
func ParseAuditKey(s string) (ed25519.PrivateKey, error) {
	s = strings.TrimSpace(s)
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		b, err = base64.RawURLEncoding.DecodeString(strings.TrimRight(s, "="))
	}
	if err != nil {
		return nil, errors.New("audit signing key is not base64")
	}
	switch len(b) {
	case ed25519.SeedSize:
		return ed25519.NewKeyFromSeed(b), nil
	case ed25519.PrivateKeySize:
		key := ed25519.PrivateKey(b)
		if !key.Public().(ed25519.PublicKey).Equal(ed25519.NewKeyFromSeed(key.Seed()).Public()) {
			return nil, errors.New("audit signing key: public half does not match the seed")
		}
		return key, nil
	}
	return nil, fmt.Errorf("audit signing key has %d bytes, want %d or %d", len(b), ed25519.SeedSize, ed25519.PrivateKeySize)
}
