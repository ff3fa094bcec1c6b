package agent

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"runtime"
	"strconv"
	"strings"
)

// Client calls the platform's API as one Local Agent: every request
// carries the API key and the agent's ID, OS and version headers.
type Client struct {
	// Server is the platform's base URL.
	Server string
	// APIKey authenticates the agent's organization.
	APIKey string
	// AgentID is the registered agent's ID (0 before registration).
	AgentID int64
	// Version is this agent's build version.
	Version string
	// HTTP sends the requests; nil means http.DefaultClient.
	HTTP *http.Client
}

// APIError is a non-2xx answer of the platform.
type APIError struct {
	Status int
	Msg    string
}

func (e *APIError) Error() string { return fmt.Sprintf("platform answered %d: %s", e.Status, e.Msg) }

// IsStatus reports whether err is an APIError with the given status.
func IsStatus(err error, status int) bool {
	var e *APIError
	return errors.As(err, &e) && e.Status == status
}

// do sends in (JSON, unless nil) and decodes a JSON answer into out
// (unless nil); it returns the status code.
func (c *Client) do(ctx context.Context, method, path string, in, out any) (int, error) {
	var body io.Reader
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			return 0, fmt.Errorf("encode %s %s: %w", method, path, err)
		}
		body = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, strings.TrimRight(c.Server, "/")+path, body)
	if err != nil {
		return 0, fmt.Errorf("%s %s: %w", method, path, err)
	}
	c.headers(req)
	if in != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	hc := c.HTTP
	if hc == nil {
		hc = http.DefaultClient
	}
	resp, err := hc.Do(req)
	if err != nil {
		return 0, fmt.Errorf("%s %s: %w", method, path, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 300 {
		return resp.StatusCode, apiError(resp)
	}
	if out != nil && resp.StatusCode != http.StatusNoContent {
		if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
			return resp.StatusCode, fmt.Errorf("decode %s %s: %w", method, path, err)
		}
	}
	return resp.StatusCode, nil
}

// headers identifies the agent on a request.
func (c *Client) headers(req *http.Request) {
	req.Header.Set("Authorization", "Bearer "+c.APIKey)
	req.Header.Set("User-Agent", "syncloud-agent/"+c.Version)
	req.Header.Set("X-SyncCloud-Agent-OS", runtime.GOOS+"/"+runtime.GOARCH)
	req.Header.Set("X-SyncCloud-Agent-Version", c.Version)
	if c.AgentID != 0 {
		req.Header.Set("X-SyncCloud-Agent-ID", strconv.FormatInt(c.AgentID, 10))
	}
}

func apiError(resp *http.Response) error {
	b, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	var p struct {
		Detail string `json:"detail"` // application/problem+json
	}
	msg := strings.TrimSpace(string(b))
	if json.Unmarshal(b, &p) == nil && p.Detail != "" {
		msg = p.Detail
	}
	return &APIError{Status: resp.StatusCode, Msg: msg}
}

// id formats an ID for a path.
func id(n int64) string { return url.PathEscape(strconv.FormatInt(n, 10)) }
