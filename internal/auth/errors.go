package auth

import "errors"

// Errors callers map to responses. Each says as little as possible: the
// same ErrUnauthorized covers an unknown, revoked or expired key or
// session, the same ErrInvalidLogin an unknown email or a wrong password.
var (
	// ErrUnauthorized: no valid credentials (HTTP 401).
	ErrUnauthorized = errors.New("unauthorized")
	// ErrInvalidLogin: the email and password do not match an active
	// account (HTTP 401 on the login form).
	ErrInvalidLogin = errors.New("invalid email or password")
	// ErrTooManyAttempts: login refused by the brute-force limits before the
	// password was checked (HTTP 429).
	ErrTooManyAttempts = errors.New("too many failed login attempts; try again later")
	// ErrForbidden: authenticated but not allowed (HTTP 403).
	ErrForbidden = errors.New("forbidden")
	// ErrCSRF: a state-changing cookie request without a valid CSRF token or
	// from another origin (HTTP 403).
	ErrCSRF = errors.New("missing or invalid CSRF token")
)
