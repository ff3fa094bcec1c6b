package auth

import (
	"context"
	"errors"
	"fmt"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"
)

// OIDCConfig configures an OpenID Connect provider such as Google.
type OIDCConfig struct {
	// Name is the provider's key ("google").
	Name string
	// Issuer is the provider's issuer URL ("https://accounts.google.com");
	// its discovery document gives the endpoints and keys.
	Issuer       string
	ClientID     string
	ClientSecret string
	// RedirectURL is this platform's callback URL registered at the
	// provider.
	RedirectURL string
}

// GoogleIssuer is Google's OIDC issuer.
const GoogleIssuer = "https://accounts.google.com"

// OIDCProvider signs in with an OpenID Connect provider: authorization
// code flow with PKCE (S256) and a nonce, ID token verified by go-oidc.
type OIDCProvider struct {
	name     string
	oauth    oauth2.Config
	verifier *oidc.IDTokenVerifier
	provider *oidc.Provider
}

// NewOIDCProvider reads the provider's discovery document.
func NewOIDCProvider(ctx context.Context, c OIDCConfig) (*OIDCProvider, error) {
	p, err := oidc.NewProvider(ctx, c.Issuer)
	if err != nil {
		return nil, fmt.Errorf("oidc provider %s: %w", c.Name, err)
	}
	return &OIDCProvider{
		name: c.Name,
		oauth: oauth2.Config{ClientID: c.ClientID, ClientSecret: c.ClientSecret, RedirectURL: c.RedirectURL,
			Endpoint: p.Endpoint(), Scopes: []string{oidc.ScopeOpenID, "email", "profile"}},
		verifier: p.Verifier(&oidc.Config{ClientID: c.ClientID}),
		provider: p,
	}, nil
}

// Name is the provider's key.
func (p *OIDCProvider) Name() string { return p.name }

// AuthCodeURL is the provider's sign-in URL for one attempt.
func (p *OIDCProvider) AuthCodeURL(state, verifier, nonce string) string {
	return p.oauth.AuthCodeURL(state, oauth2.S256ChallengeOption(verifier), oidc.Nonce(nonce))
}

// oidcClaims are the ID token and userinfo claims used.
type oidcClaims struct {
	Subject       string `json:"sub"`
	Email         string `json:"email"`
	EmailVerified bool   `json:"email_verified"`
	Name          string `json:"name"`
}

// Exchange redeems the code, verifies the ID token (signature, issuer,
// audience, expiry, nonce) and reads the claims, asking the userinfo
// endpoint for the email when the ID token does not carry it.
func (p *OIDCProvider) Exchange(ctx context.Context, code, verifier, nonce string) (Identity, error) {
	tok, err := p.oauth.Exchange(ctx, code, oauth2.VerifierOption(verifier))
	if err != nil {
		return Identity{}, fmt.Errorf("exchange code: %w", err)
	}
	raw, ok := tok.Extra("id_token").(string)
	if !ok {
		return Identity{}, errors.New("token response has no id_token")
	}
	idt, err := p.verifier.Verify(ctx, raw)
	if err != nil {
		return Identity{}, fmt.Errorf("verify id token: %w", err)
	}
	if idt.Nonce != nonce {
		return Identity{}, errors.New("id token nonce does not match")
	}
	var c oidcClaims
	if err := idt.Claims(&c); err != nil {
		return Identity{}, fmt.Errorf("id token claims: %w", err)
	}
	if c.Email == "" {
		if c, err = p.userInfo(ctx, tok, idt.Subject); err != nil {
			return Identity{}, err
		}
	}
	return Identity{Provider: p.name, Subject: idt.Subject, Email: c.Email,
		EmailVerified: c.EmailVerified, Name: c.Name}, nil
}

func (p *OIDCProvider) userInfo(ctx context.Context, tok *oauth2.Token, subject string) (oidcClaims, error) {
	info, err := p.provider.UserInfo(ctx, oauth2.StaticTokenSource(tok))
	if err != nil {
		return oidcClaims{}, fmt.Errorf("userinfo: %w", err)
	}
	var c oidcClaims
	if err := info.Claims(&c); err != nil {
		return oidcClaims{}, fmt.Errorf("userinfo claims: %w", err)
	}
	if info.Subject != subject {
		return oidcClaims{}, errors.New("userinfo subject differs from the id token's")
	}
	c.EmailVerified = info.EmailVerified
	return c, nil
}
