// Package auth decides who is calling and what they may do: passwords
// (argon2id), browser sessions and their cookies, CSRF protection, login
// brute-force limits, API keys, OAuth login with Google and GitHub, roles
// and invitations.
//
// Invariants a reader must know:
//
//   - No secret is stored in the clear. Session tokens, API keys and
//     invitation tokens are shown once and kept only as SHA-256 hashes;
//     passwords only as argon2id PHC strings.
//   - Every failure to authenticate looks the same to the caller: an unknown
//     email, a wrong password, an unknown, revoked or expired key all return
//     ErrUnauthorized (or ErrInvalidLogin) after the same work, so an
//     attacker cannot learn which accounts or keys exist.
//   - A Principal is the only thing the web layer needs after
//     authentication: who, which org, which role, which scopes. An API key's
//     scopes never exceed its creator's role.
//   - Time comes from an injected clock (a func() time.Time), never from
//     time.Now directly, so timeouts are tested without sleeping.
package auth
