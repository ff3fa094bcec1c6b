// Package auth decides who is calling and what they may do: passwords
// (argon2id), browser sessions and their cookies, CSRF protection, login
// brute-force limits, API keys, OAuth login with Google and GitHub, roles
// and invitations.
//
// The API the web layer uses:
//
//   - New(Config) builds a Service: Accounts, Keys, Sessions, CSRF,
//     Cookies, Devices, Invitations, OAuth and PasswordResets, with
//     sessions and failure counters in Redis when Config.Redis is set, in
//     the database otherwise. Service.APIKey and Service.Session turn a Bearer key or
//     a session cookie (plus CSRF checks) into a Principal;
//     Service.SignIn is a password sign-in that reads and sets the cookies.
//   - Principal says who acts (user, API key or agent), in which org,
//     with which Role and Scopes; Can and AtLeast answer authorization
//     questions.
//   - Errors map to HTTP: ErrUnauthorized and ErrInvalidLogin 401,
//     ErrTooManyAttempts 429, ErrForbidden, ErrCSRF and ErrWrongPassword
//     403, ErrInvalidInput and ErrWeakPassword 400, ErrEmailTaken,
//     ErrLinkRequired and ErrIdentityTaken 409.
//   - Auditor (Append(ctx, Event)) and Mailer (Enqueue(ctx, Mail)) are the
//     boundaries to the audit log and the mail outbox.
//
// Invariants a reader must know:
//
//   - No secret is stored in the clear. Session tokens, API keys,
//     invitation and password reset tokens are shown once and kept only as
//     SHA-256 hashes; passwords only as argon2id PHC strings at or above
//     MinParams.
//   - Every failure to authenticate looks the same to the caller: an unknown
//     email, a wrong password, a disabled or password-less account all
//     return ErrInvalidLogin after one argon2id verification (a dummy hash
//     for unknown emails); an unknown, revoked or expired key or session
//     returns ErrUnauthorized. A malformed key fails on its checksum
//     before any database lookup.
//   - Brute force is limited per account and IP pair, per IP and per
//     account (Limits); attempts refused by the limits are never checked
//     against the password, and a browser holding a device cookie from an
//     earlier sign-in passes the per-account ceiling, so an attacker cannot
//     lock the real user out.
//   - An API key's scopes never exceed its creator's role: at creation, and
//     again at every use against the creator's current role.
//   - Time comes from an injected clock (a func() time.Time), never from
//     time.Now directly, so timeouts are tested without sleeping.
package auth
