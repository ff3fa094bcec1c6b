package auth

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"

	"golang.org/x/oauth2"
)

// GitHubConfig configures sign-in with GitHub. The base URLs default to
// github.com and api.github.com; GitHub Enterprise (or a test stand-in)
// sets them.
type GitHubConfig struct {
	ClientID, ClientSecret string
	RedirectURL            string
	// BaseURL serves /login/oauth/authorize and /login/oauth/access_token.
	BaseURL string
	// APIURL serves /user and /user/emails.
	APIURL string
	// HTTPClient, when set, is used for the token and API calls.
	HTTPClient *http.Client
}

// GitHubProvider signs in with GitHub: OAuth 2 authorization code with
// PKCE, then the user API for the stable numeric ID and the primary,
// verified email.
type GitHubProvider struct {
	oauth  oauth2.Config
	apiURL string
	client *http.Client
}

// NewGitHubProvider returns the GitHub provider.
func NewGitHubProvider(c GitHubConfig) *GitHubProvider {
	base := strings.TrimRight(c.BaseURL, "/")
	if base == "" {
		base = "https://github.com"
	}
	api := strings.TrimRight(c.APIURL, "/")
	if api == "" {
		api = "https://api.github.com"
	}
	client := c.HTTPClient
	if client == nil {
		client = http.DefaultClient
	}
	return &GitHubProvider{
		oauth: oauth2.Config{ClientID: c.ClientID, ClientSecret: c.ClientSecret, RedirectURL: c.RedirectURL,
			Scopes: []string{"read:user", "user:email"},
			Endpoint: oauth2.Endpoint{AuthURL: base + "/login/oauth/authorize",
				TokenURL: base + "/login/oauth/access_token", AuthStyle: oauth2.AuthStyleInParams}},
		apiURL: api, client: client,
	}
}

// Name is "github".
func (g *GitHubProvider) Name() string { return "github" }

// AuthCodeURL is GitHub's sign-in URL for one attempt; GitHub has no
// nonce, the state and PKCE bind the attempt.
func (g *GitHubProvider) AuthCodeURL(state, verifier, _ string) string {
	return g.oauth.AuthCodeURL(state, oauth2.S256ChallengeOption(verifier))
}

// githubUser is the part of GET /user used.
type githubUser struct {
	ID    int64  `json:"id"`
	Login string `json:"login"`
	Name  string `json:"name"`
}

// githubEmail is one entry of GET /user/emails.
type githubEmail struct {
	Email    string `json:"email"`
	Primary  bool   `json:"primary"`
	Verified bool   `json:"verified"`
}

// Exchange redeems the code and asks the API who signed in.
func (g *GitHubProvider) Exchange(ctx context.Context, code, verifier, _ string) (Identity, error) {
	ctx = context.WithValue(ctx, oauth2.HTTPClient, g.client)
	tok, err := g.oauth.Exchange(ctx, code, oauth2.VerifierOption(verifier))
	if err != nil {
		return Identity{}, fmt.Errorf("exchange code: %w", err)
	}
	var u githubUser
	if err := g.get(ctx, tok, "/user", &u); err != nil {
		return Identity{}, err
	}
	if u.ID == 0 {
		return Identity{}, errors.New("github user has no id")
	}
	var emails []githubEmail
	if err := g.get(ctx, tok, "/user/emails", &emails); err != nil {
		return Identity{}, err
	}
	id := Identity{Provider: "github", Subject: strconv.FormatInt(u.ID, 10), Name: u.Name}
	if id.Name == "" {
		id.Name = u.Login
	}
	for _, e := range emails {
		if e.Primary {
			id.Email, id.EmailVerified = e.Email, e.Verified
		}
	}
	return id, nil
}

// get calls the GitHub API with the user's token and decodes the JSON.
func (g *GitHubProvider) get(ctx context.Context, tok *oauth2.Token, path string, into any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, g.apiURL+path, nil)
	if err != nil {
		return err
	}
	req.Header.Set("Accept", "application/vnd.github+json")
	req.Header.Set("X-GitHub-Api-Version", "2022-11-28")
	tok.SetAuthHeader(req)
	resp, err := g.client.Do(req)
	if err != nil {
		return fmt.Errorf("github %s: %w", path, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return fmt.Errorf("github %s: %w", path, err)
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("github %s: status %d", path, resp.StatusCode)
	}
	if err := json.Unmarshal(body, into); err != nil {
		return fmt.Errorf("github %s: %w", path, err)
	}
	return nil
}
