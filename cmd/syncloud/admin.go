package main

import (
	"bufio"
	"context"
	"crypto/ed25519"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"

	"github.com/syncloud/syncloud/internal/audit"
	"github.com/syncloud/syncloud/internal/auth"
	"github.com/syncloud/syncloud/internal/config"
	"github.com/syncloud/syncloud/internal/store"
	"github.com/syncloud/syncloud/internal/web"
)

const adminUsage = `usage: syncloud admin <command> [flags]

commands:
  create-user     --email E --name N --org O --password-stdin
                  create a user as owner of organization O (created if new)
  create-api-key  --email E --org O --name K [--scopes generate,admin]
                  create an API key for the user in O; prints only the key
  audit verify    [--org O]
                  verify the audit hash chains and signed checkpoints

Every command also takes --data-dir, --database-url and the SYNCLOUD_* env.

exit codes: 0 done (verify: every chain intact), 1 failure (verify: a chain
is broken; the first bad event is named), 2 bad usage
`

// adminCmd is one admin command: its flags are parsed on top of the shared
// configuration flags.
type adminCmd struct {
	name  string
	flags func(fs *flag.FlagSet) func(ctx context.Context, env *adminEnv) error
}

// adminEnv is what an admin command runs with.
type adminEnv struct {
	cfg    *config.Config
	p      *platform
	stdin  io.Reader
	stdout io.Writer
	log    *slog.Logger
}

func runAdmin(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprint(stderr, adminUsage)
		return 2
	}
	name := args[0]
	rest := args[1:]
	if name == "audit" {
		if len(rest) == 0 || rest[0] != "verify" {
			fmt.Fprint(stderr, adminUsage)
			return 2
		}
		name, rest = "audit verify", rest[1:]
	}
	cmd, ok := adminCommands()[name]
	if !ok {
		fmt.Fprintf(stderr, "syncloud admin: unknown command %q\n\n%s", name, adminUsage)
		return 2
	}
	return cmd.run(ctx, rest, stdin, stdout, stderr)
}

func adminCommands() map[string]adminCmd {
	return map[string]adminCmd{
		"create-user":    {name: "create-user", flags: createUserFlags},
		"create-api-key": {name: "create-api-key", flags: createKeyFlags},
		"audit verify":   {name: "audit verify", flags: auditVerifyFlags},
	}
}

// errUsage marks a failure of the operator's input (exit code 2).
var errUsage = errors.New("usage")

func (c adminCmd) run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	var action func(context.Context, *adminEnv) error
	cfg, _, err := config.LoadWith("admin "+c.name, args, os.Getenv, stderr, func(fs *flag.FlagSet) {
		action = c.flags(fs)
	})
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintf(stderr, "syncloud admin %s: %v\n", c.name, err)
		return 2
	}
	log := newLogger(stderr, max(cfg.LogLevel, slog.LevelWarn))
	p, err := startPlatform(ctx, cfg, log)
	if err != nil {
		fmt.Fprintf(stderr, "syncloud admin %s: %v\n", c.name, err)
		return 1
	}
	defer p.close(log)
	err = action(ctx, &adminEnv{cfg: cfg, p: p, stdin: stdin, stdout: stdout, log: log})
	switch {
	case errors.Is(err, errUsage):
		fmt.Fprintf(stderr, "syncloud admin %s: %v\n", c.name, err)
		return 2
	case err != nil:
		fmt.Fprintf(stderr, "syncloud admin %s: %v\n", c.name, err)
		return 1
	}
	return 0
}

// readPassword reads the first line of r.
func readPassword(r io.Reader) (string, error) {
	line, err := bufio.NewReader(r).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", fmt.Errorf("read password: %w", err)
	}
	pw := strings.TrimRight(line, "\r\n")
	if pw == "" {
		return "", fmt.Errorf("%w: no password on standard input", errUsage)
	}
	return pw, nil
}

// required reports the first empty required flag.
func required(flags map[string]string) error {
	for name, v := range flags {
		if strings.TrimSpace(v) == "" {
			return fmt.Errorf("%w: --%s is required", errUsage, name)
		}
	}
	return nil
}

func createUserFlags(fs *flag.FlagSet) func(context.Context, *adminEnv) error {
	email := fs.String("email", "", "the user's email")
	name := fs.String("name", "", "the user's name")
	org := fs.String("org", "", "organization name (created when new)")
	stdin := fs.Bool("password-stdin", false, "read the password from the first line of standard input")
	return func(ctx context.Context, env *adminEnv) error {
		if err := required(map[string]string{"email": *email, "name": *name, "org": *org}); err != nil {
			return err
		}
		if !*stdin {
			return fmt.Errorf("%w: --password-stdin is required (passwords are never taken from flags)", errUsage)
		}
		return createUser(ctx, env, *email, *name, *org)
	}
}

// createUser makes a user the owner of org, creating the organization when
// no organization has its slug.
func createUser(ctx context.Context, env *adminEnv, email, name, orgName string) error {
	pw, err := readPassword(env.stdin)
	if err != nil {
		return err
	}
	if err := auth.CheckPassword(pw); err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	hash, err := auth.HashPassword(pw, auth.MinParams)
	if err != nil {
		return err
	}
	u := &store.User{Email: strings.TrimSpace(email), Name: strings.TrimSpace(name), PasswordHash: hash}
	var org *store.Organization
	created := false
	err = env.p.db.Transact(ctx, func(tx *store.Tx) error {
		if err := tx.CreateUser(ctx, u); err != nil {
			return err
		}
		if org, created, err = orgFor(ctx, tx, orgName); err != nil {
			return err
		}
		return tx.AddMembership(ctx, org.ID, u.ID, store.RoleOwner)
	})
	if errors.Is(err, store.ErrConflict) {
		return fmt.Errorf("a user with email %s already exists", email)
	}
	if err != nil {
		return err
	}
	ev := auth.Event{OrgID: org.ID, ActorType: "system", ActorLabel: "syncloud admin", Action: "admin.user_create",
		Target: fmt.Sprintf("user:%d", u.ID), Details: map[string]any{"email": u.Email, "role": "owner", "org_created": created}}
	if err := (web.AuditBridge{Writer: env.p.audit}).Append(ctx, ev); err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "created user %d (%s) as owner of organization %d (%s)\n", u.ID, u.Email, org.ID, org.Slug)
	return nil
}

// orgFor finds the organization whose slug is name's, or creates it.
func orgFor(ctx context.Context, tx *store.Tx, name string) (*store.Organization, bool, error) {
	org, err := tx.OrganizationBySlug(ctx, store.Slugify(name))
	if err == nil {
		return org, false, nil
	}
	if !errors.Is(err, store.ErrNotFound) {
		return nil, false, err
	}
	org = &store.Organization{Name: strings.TrimSpace(name)}
	if err := tx.CreateOrganization(ctx, org); err != nil {
		return nil, false, err
	}
	return org, true, nil
}

func createKeyFlags(fs *flag.FlagSet) func(context.Context, *adminEnv) error {
	email := fs.String("email", "", "the user the key acts for")
	org := fs.String("org", "", "organization name or slug")
	name := fs.String("name", "", "a name for the key")
	scopes := fs.String("scopes", "generate", "comma-separated scopes: generate, runs:read, runs:write, admin")
	return func(ctx context.Context, env *adminEnv) error {
		if err := required(map[string]string{"email": *email, "org": *org, "name": *name}); err != nil {
			return err
		}
		return createKey(ctx, env, *email, *org, *name, strings.Split(*scopes, ","))
	}
}

// createKey creates a key as the user would, within their role's scopes,
// and prints only the key.
func createKey(ctx context.Context, env *adminEnv, email, orgName, name string, scopeNames []string) error {
	scopes, err := auth.ParseScopes(scopeNames)
	if err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	db := env.p.db
	u, err := db.UserByEmail(ctx, email)
	if err != nil {
		return fmt.Errorf("user %s: %w", email, err)
	}
	org, err := db.OrganizationBySlug(ctx, store.Slugify(orgName))
	if err != nil {
		return fmt.Errorf("organization %s: %w", orgName, err)
	}
	m, err := db.Membership(ctx, org.ID, u.ID)
	if err != nil {
		return fmt.Errorf("%s in %s: %w", email, orgName, err)
	}
	role, err := auth.ParseRole(m.Role)
	if err != nil {
		return err
	}
	by := auth.Principal{Kind: auth.KindUser, UserID: u.ID, OrgID: org.ID, Role: role, Scopes: auth.RoleScopes(role)}
	raw, _, err := env.p.auth.Keys.Create(ctx, by, auth.NewAPIKey{Name: name, Scopes: scopes})
	if err != nil {
		return err
	}
	fmt.Fprintln(env.stdout, raw)
	return nil
}

func auditVerifyFlags(fs *flag.FlagSet) func(context.Context, *adminEnv) error {
	org := fs.String("org", "", "verify only this organization's chain (name or slug); default: every chain")
	return func(ctx context.Context, env *adminEnv) error {
		orgID := audit.AllChains
		if *org != "" {
			o, err := env.p.db.OrganizationBySlug(ctx, store.Slugify(*org))
			if err != nil {
				return fmt.Errorf("organization %s: %w", *org, err)
			}
			orgID = o.ID
		}
		return verifyAudit(ctx, env, orgID)
	}
}

// verifyAudit checks the chains against the configured key's checkpoints.
func verifyAudit(ctx context.Context, env *adminEnv, orgID int64) error {
	rep, err := audit.Verify(ctx, env.p.db, env.cfg.AuditKey.Public().(ed25519.PublicKey), orgID)
	if err != nil {
		return err
	}
	if !rep.OK() {
		return fmt.Errorf("audit log is NOT intact: %w (%d events checked before it)", rep.Problem, rep.Events)
	}
	fmt.Fprintf(env.stdout, "ok: %d events in %d chains intact, %d signed checkpoints verified\n", rep.Events, rep.Chains, rep.Checkpoints)
	return nil
}
