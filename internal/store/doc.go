// Package store is SynCloud's persistence: plain SQL over database/sql for
// SQLite (default, pure Go, a file under the data directory) and
// PostgreSQL (pgx), behind the same methods, with embedded numbered
// migrations. It imports nothing of ours but spec.
//
// # API
//
//	db, err := store.Open(ctx, store.Config{DatabaseURL, DataDir})  // "" URL = SQLite
//	db.Config(), db.Raw() (the write pool, for maintenance and tamper tests)
//	err = db.Migrate(ctx)                  // idempotent; records schema_migrations
//	err = db.Transact(ctx, func(tx *store.Tx) error { ... })  // rollback on error and panic
//	db.Ping(ctx); db.Stats(); db.Close(); db.Dialect()
//
// Every table method lives on Queries, which DB and Tx both embed, so the
// same call works inside and outside a transaction. Org-scoped methods
// take ctx, then orgID, and have org_id in their WHERE:
//
//	organizations  CreateOrganization, Organization, OrganizationBySlug, Organizations,
//	               UpdateOrganization, DB.DeleteOrganization, Slugify
//	users          CreateUser, User, UserByEmail (any case), Users, UpdateUserProfile,
//	               SetPasswordHash, SetPlatformAdmin, SetUserDisabled, DB.DisableUser (+ sessions)
//	accounts       DB.CreateAccount(user + org + owner membership, one transaction)
//	memberships    AddMembership, Membership, SetMemberRole, RemoveMembership, CountOwners,
//	               Members, UserMemberships
//	invitations    CreateInvitation, InvitationByTokenHash, Invitations, DeleteInvitation,
//	               DB.AcceptInvitation
//	oauth          LinkOAuthIdentity, OAuthIdentity, UserOAuthIdentities, UnlinkOAuthIdentity
//	sessions       CreateSession, SessionByTokenHash (alive at now), TouchSession,
//	               DeleteSessionByTokenHash, DeleteUserSession, DeleteUserSessions,
//	               DeleteOtherUserSessions, UserSessions, PurgeExpiredSessions
//	login failures RecordLoginFailure, CountLoginFailures, CountLoginFailuresByIP,
//	               CountLoginFailuresByAccountAndIP, ClearLoginFailures, PurgeLoginFailures
//	api keys       CreateAPIKey, APIKeyByHash, APIKey, APIKeys, RevokeAPIKey, TouchAPIKey,
//	               APIKey.Active
//	request log    InsertRequestLogs, UsageRows, RequestLogs, DB.PurgePrompts
//	usage          AddUsageDays, UsageDays
//	audit          AuditHead, LockAuditChains, InsertAuditEvents, SetAuditHeads,
//	               UncheckpointedAuditHeads, MarkAuditCheckpointed, AuditEvents,
//	               ScanAuditChain, AuditChains, InsertAuditCheckpoint, AuditCheckpoints,
//	               LatestAuditCheckpoint
//	runs           workspaces, runs and their queue, run logs, state versions and locks,
//	               AWS connections, agents: see workspace.go, run*.go, state_*.go,
//	               aws_connection.go, agent.go (migration 004)
//	mail outbox    EnqueueMail, OutboxMail, OutboxMails, DB.ClaimMail, MarkMailSent,
//	               RetryMail, FailMail, PurgeMail, SetMarketingOptIn (migration 007)
//	password reset CreatePasswordReset, CountPasswordResets, PasswordResetByTokenHash,
//	               DB.UsePasswordReset (+ sessions), PurgePasswordResets (migration 007)
//
// Tests get a fresh migrated database from storetest.Open(t) (SQLite, or
// PostgreSQL in a fresh schema when SYNCLOUD_TEST_DATABASE_URL is set);
// storetest.SQLite, storetest.Postgres (skips loudly without the env),
// storetest.Replica(t, db) (a second handle, as another replica) and
// storetest.EmptyConfig(t) (unmigrated) serve special cases.
//
// # Invariants
//
//   - Not found is ErrNotFound, never nil, nil. A unique violation is
//     ErrConflict and a foreign-key violation ErrReference, on both
//     drivers (SQLite extended codes, PostgreSQL SQLSTATE 23505/23503).
//     Errors are wrapped with what was being done.
//   - SQL uses $1-style parameters, which both drivers accept (multi-row
//     inserts use ? on SQLite). Values are always parameters; SQL text is
//     built only from constants.
//   - Times are stored in UTC with microsecond precision: TIMESTAMPTZ on
//     PostgreSQL, integer microseconds in TIMESTAMP columns on SQLite.
//     Methods return them in UTC.
//   - On SQLite, reads use a pool of query-only connections and writes a
//     single connection (BEGIN IMMEDIATE), so writers queue in Go rather
//     than failing with SQLITE_BUSY; WAL lets reads run beside the writer.
//     synchronous=FULL by default: a commit is durable when it returns
//     (Config.SQLiteSynchronous "normal" keeps it only across a killed
//     process). Statements up to 2 KiB are prepared once per pool
//     (stmt_cache.go): SQLite would otherwise parse them on every call.
//   - Secrets are stored only as hashes (sessions, invitations, API keys,
//     password resets); the caller hashes.
//   - audit_events and audit_checkpoints are append-only: triggers refuse
//     UPDATE and DELETE on both databases (and TRUNCATE on PostgreSQL).
package store
