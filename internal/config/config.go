// Package config reads the platform's settings from SYNCLOUD_* environment
// variables and command-line flags into one typed, validated Config.
//
// Precedence is flag > environment > default. Secrets may be given inline
// or, with the *_FILE variant of their variable, as a path to a file that
// holds them; Redacted is the only form of a Config that may be logged.
//
//	variable                          flag                default
//	SYNCLOUD_ADDR                     --addr              127.0.0.1:8080
//	SYNCLOUD_DATA_DIR                 --data-dir          ./data (SQLite file, generated audit key)
//	SYNCLOUD_DATABASE_URL[_FILE]      --database-url      "" = SQLite; postgres://... = PostgreSQL
//	SYNCLOUD_REDIS_URL[_FILE]         --redis-url         "" = sessions and rate limits in the database/process
//	SYNCLOUD_AUDIT_SIGNING_KEY[_FILE]                     generated into the data dir (SQLite only); base64 Ed25519 seed
//	SYNCLOUD_PUBLIC_URL               --public-url        http://<addr>
//	SYNCLOUD_DEV                      --dev               false (true: session cookie over plain HTTP)
//	SYNCLOUD_RATE_LIMIT               --rate-limit        50 requests/s per key, user or IP; 0 = off
//	SYNCLOUD_RATE_BURST               --rate-burst        100
//	SYNCLOUD_GENERATE_CACHE           --generate-cache    1024 answers of the rules engine; 0 = off
//	SYNCLOUD_LLM_URL, _LLM_MODEL, _LLM_API_KEY[_FILE]     "" = the built-in rules engine
//	SYNCLOUD_GITHUB_CLIENT_ID, _GITHUB_CLIENT_SECRET[_FILE]  GitHub sign-in when set
//	SYNCLOUD_GOOGLE_CLIENT_ID, _GOOGLE_CLIENT_SECRET[_FILE]  Google sign-in when set
//	SYNCLOUD_TF_PLUGIN_MIRROR         --tf-plugin-mirror  "" (Terraform provider filesystem mirror)
//	SYNCLOUD_LOG_LEVEL                --log-level         info
//	SYNCLOUD_SHUTDOWN_TIMEOUT                             30s (graceful drain)
//	SYNCLOUD_TRUSTED_PROXIES                              "" (CIDRs whose X-Forwarded-For is believed)
//	SYNCLOUD_SMTP_URL[_FILE]          --smtp-url          "" = mail held in the outbox; smtp://user:pass@host:587 or smtps://...:465
//	SYNCLOUD_MAIL_FROM                --mail-from         SynCloud <no-reply@localhost>
package config

import (
	"crypto/ed25519"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/mail"
	"net/url"
	"strings"
	"time"
)

// Config is everything `syncloud serve` and `syncloud admin` need to start.
type Config struct {
	// Addr is the host:port the HTTP server listens on.
	Addr string
	// DataDir holds the SQLite database, the generated audit signing key and
	// run workspaces.
	DataDir string
	// DatabaseURL selects PostgreSQL (postgres://...); empty means SQLite
	// under DataDir.
	DatabaseURL string
	// RedisURL, when set, moves sessions, rate limits and caches to Redis.
	RedisURL string
	// AuditKey signs audit checkpoints. Nil after Load when no key was
	// configured; EnsureAuditKey fills it for the embedded default.
	AuditKey ed25519.PrivateKey
	// Dev allows session cookies over plain HTTP on localhost.
	Dev bool
	// LLMURL, LLMModel and LLMKey configure an OpenAI-compatible endpoint
	// for the llm engine; an empty LLMURL means the built-in rules engine.
	LLMURL   string
	LLMModel string
	LLMKey   string
	// PublicURL is the platform's base URL as browsers reach it, for OAuth
	// redirect URLs and mailed links; default http://<Addr>.
	PublicURL string
	// GitHub and Google OAuth clients; a provider is offered when its
	// client ID is set.
	GitHubClientID, GitHubClientSecret string
	GoogleClientID, GoogleClientSecret string
	// TFPluginMirror is a Terraform provider filesystem mirror directory.
	TFPluginMirror string
	// LogLevel is the minimum slog level written.
	LogLevel slog.Level
	// RateLimit is the sustained requests per second allowed per API key,
	// session or client IP; 0 disables rate limiting. RateBurst is the
	// bucket size.
	RateLimit float64
	RateBurst int
	// GenerateCache is how many generate answers are kept for repeated
	// requests (the pipeline is deterministic); 0 turns the cache off.
	GenerateCache int
	// ShutdownTimeout bounds how long a graceful shutdown waits for
	// in-flight requests.
	ShutdownTimeout time.Duration
	// TrustedProxies are networks whose X-Forwarded-For header is believed
	// when finding a request's client IP.
	TrustedProxies []*net.IPNet
	// SMTPURL is the mail server (smtp://user:pass@host:587, STARTTLS when
	// offered; smtps:// for implicit TLS); empty keeps mail held in the
	// outbox for administrators to read.
	SMTPURL string
	// MailFrom is the From address of outgoing mail.
	MailFrom string
}

// Getenv looks up an environment variable; os.Getenv in production, a map
// in tests.
type Getenv func(key string) string

// Load parses flags from args on top of the environment and validates the
// result. A name is the command shown in flag errors ("serve", "admin").
// It returns the remaining positional arguments.
func Load(name string, args []string, getenv Getenv, errOut io.Writer) (*Config, []string, error) {
	return LoadWith(name, args, getenv, errOut, nil)
}

// LoadWith is Load for a command with flags of its own: extra registers
// them on the flag set before it parses args.
func LoadWith(name string, args []string, getenv Getenv, errOut io.Writer, extra func(*flag.FlagSet)) (*Config, []string, error) {
	c, fs, err := fromEnv(name, getenv)
	if err != nil {
		return nil, nil, err
	}
	if extra != nil {
		extra(fs)
	}
	fs.SetOutput(errOut)
	if err := fs.Parse(args); err != nil {
		return nil, nil, err
	}
	if c.PublicURL == "" {
		c.PublicURL = "http://" + c.Addr
	}
	if err := c.Validate(); err != nil {
		return nil, nil, err
	}
	return c, fs.Args(), nil
}

// Validate reports every setting that cannot work, joined into one error.
func (c *Config) Validate() error {
	var errs []error
	if _, _, err := net.SplitHostPort(c.Addr); err != nil {
		errs = append(errs, fmt.Errorf("addr %q: %w", c.Addr, err))
	}
	if c.DataDir == "" {
		errs = append(errs, errors.New("data dir must not be empty"))
	}
	if c.DatabaseURL != "" && !hasScheme(c.DatabaseURL, "postgres", "postgresql") {
		errs = append(errs, errors.New("database URL must start with postgres:// or postgresql://"))
	}
	if c.RedisURL != "" && !hasScheme(c.RedisURL, "redis", "rediss") {
		errs = append(errs, errors.New("redis URL must start with redis:// or rediss://"))
	}
	if c.LLMURL != "" && !hasScheme(c.LLMURL, "http", "https") {
		errs = append(errs, errors.New("LLM URL must be http:// or https://"))
	}
	if c.PublicURL != "" && !hasScheme(c.PublicURL, "http", "https") {
		errs = append(errs, errors.New("public URL must be http:// or https://"))
	}
	if (c.GitHubClientID != "") != (c.GitHubClientSecret != "") || (c.GoogleClientID != "") != (c.GoogleClientSecret != "") {
		errs = append(errs, errors.New("an OAuth client needs both its ID and its secret"))
	}
	if c.RateLimit < 0 || c.RateBurst < 0 {
		errs = append(errs, errors.New("rate limit and burst must not be negative"))
	}
	if c.RateLimit > 0 && c.RateBurst == 0 {
		errs = append(errs, errors.New("rate burst must be positive when a rate limit is set"))
	}
	if c.GenerateCache < 0 {
		errs = append(errs, errors.New("generate cache size must not be negative"))
	}
	if c.SMTPURL != "" && !hasScheme(c.SMTPURL, "smtp", "smtps") {
		errs = append(errs, errors.New("SMTP URL must start with smtp:// or smtps://"))
	}
	if _, err := mail.ParseAddress(c.MailFrom); c.MailFrom != "" && err != nil {
		errs = append(errs, fmt.Errorf("mail from %q: %w", c.MailFrom, err))
	}
	if c.ShutdownTimeout <= 0 {
		errs = append(errs, errors.New("shutdown timeout must be positive"))
	}
	return errors.Join(errs...)
}

// Postgres reports whether the configured database is PostgreSQL.
func (c *Config) Postgres() bool { return c.DatabaseURL != "" }

func hasScheme(raw string, schemes ...string) bool {
	u, err := url.Parse(raw)
	if err != nil {
		return false
	}
	for _, s := range schemes {
		if strings.EqualFold(u.Scheme, s) {
			return true
		}
	}
	return false
}

// Redacted returns the configuration as "key=value" lines safe to log:
// secrets and URL passwords are masked.
func (c *Config) Redacted() string {
	key := "(none)"
	if c.AuditKey != nil {
		key = "(set)"
	}
	lines := []string{
		"addr=" + c.Addr,
		"data_dir=" + c.DataDir,
		"database_url=" + redactURL(c.DatabaseURL),
		"redis_url=" + redactURL(c.RedisURL),
		"audit_signing_key=" + key,
		fmt.Sprintf("dev=%t", c.Dev),
		"llm_url=" + redactURL(c.LLMURL),
		"llm_model=" + c.LLMModel,
		"llm_api_key=" + mask(c.LLMKey),
		"public_url=" + c.PublicURL,
		"github_client_id=" + c.GitHubClientID,
		"github_client_secret=" + mask(c.GitHubClientSecret),
		"google_client_id=" + c.GoogleClientID,
		"google_client_secret=" + mask(c.GoogleClientSecret),
		"tf_plugin_mirror=" + c.TFPluginMirror,
		"log_level=" + c.LogLevel.String(),
		fmt.Sprintf("rate_limit=%g burst=%d", c.RateLimit, c.RateBurst),
		fmt.Sprintf("generate_cache=%d", c.GenerateCache),
		"shutdown_timeout=" + c.ShutdownTimeout.String(),
		"smtp_url=" + redactURL(c.SMTPURL),
		"mail_from=" + c.MailFrom,
	}
	return strings.Join(lines, "\n")
}

func mask(secret string) string {
	if secret == "" {
		return ""
	}
	return "REDACTED"
}

func redactURL(raw string) string {
	if raw == "" {
		return ""
	}
	u, err := url.Parse(raw)
	if err != nil {
		return "REDACTED"
	}
	return u.Redacted()
}

// NewFlagSet is a flag set that reports errors instead of exiting.
func newFlagSet(name string) *flag.FlagSet {
	return flag.NewFlagSet(name, flag.ContinueOnError)
}
