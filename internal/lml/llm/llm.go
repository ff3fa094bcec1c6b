package llm

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/syncloud/syncloud/internal/lml"
	"github.com/syncloud/syncloud/internal/spec"
)

// Config says which model to ask and how.
type Config struct {
	URL     string        // base URL, e.g. http://127.0.0.1:11434 (Ollama) or https://api.openai.com
	Model   string        // e.g. "llama3.1:8b", "gpt-4o-mini"
	APIKey  string        // sent as a bearer token; may be empty for local servers
	Timeout time.Duration // per request; 0 means 60 s
}

// Engine asks a model for the spec.
type Engine struct {
	cfg    Config
	client *http.Client
}

// New returns an engine for cfg.
func New(cfg Config) (*Engine, error) {
	if cfg.URL == "" || cfg.Model == "" {
		return nil, errors.New("llm: the endpoint URL and the model are both required")
	}
	if cfg.Timeout == 0 {
		cfg.Timeout = 60 * time.Second
	}
	return &Engine{cfg: cfg, client: &http.Client{Timeout: cfg.Timeout}}, nil
}

// Name identifies the engine.
func (e *Engine) Name() string { return "llm" }

// answer is the JSON object the model is asked to return.
type answer struct {
	Nothing     bool             `json:"nothing"`
	Understood  []string         `json:"understood"`
	Assumptions []lml.Assumption `json:"assumptions"`
	Unplaced    []string         `json:"unplaced"`
	Stack       *spec.Stack      `json:"stack"`
}

// Draft asks the model for the stack of a request.
func (e *Engine) Draft(ctx context.Context, req lml.Request) (*lml.Draft, error) {
	body, err := e.requestBody(req)
	if err != nil {
		return nil, err
	}
	content, err := e.complete(ctx, body)
	if err != nil {
		return nil, err
	}
	var a answer
	if err := json.Unmarshal([]byte(content), &a); err != nil {
		return nil, fmt.Errorf("llm: malformed answer from model %s: %w", e.cfg.Model, err)
	}
	if a.Nothing || a.Stack == nil || len(a.Stack.Resources) == 0 {
		return nil, &lml.NothingError{Understood: a.Understood, Unplaced: a.Unplaced}
	}
	switch {
	case req.Region != "":
		a.Stack.Region = req.Region
	case a.Stack.Region == "":
		a.Stack.Region = lml.DefaultRegion
		a.Assumptions = append(a.Assumptions, lml.Assumption{Path: "region", Message: "no region named: using " + lml.DefaultRegion})
	}
	return &lml.Draft{Stack: a.Stack, Understood: a.Understood, Assumptions: a.Assumptions, Unplaced: a.Unplaced}, nil
}

type chatMessage struct {
	Role    string `json:"role"`
	Content string `json:"content"`
}

type chatRequest struct {
	Model          string         `json:"model"`
	Messages       []chatMessage  `json:"messages"`
	Temperature    float64        `json:"temperature"`
	ResponseFormat responseFormat `json:"response_format"`
}

type responseFormat struct {
	Type       string     `json:"type"`
	JSONSchema jsonSchema `json:"json_schema"`
}

type jsonSchema struct {
	Name   string          `json:"name"`
	Schema json.RawMessage `json:"schema"`
}

func (e *Engine) requestBody(req lml.Request) ([]byte, error) {
	user := req.Prompt
	if req.Current != nil {
		cur, err := json.Marshal(req.Current)
		if err != nil {
			return nil, fmt.Errorf("llm: encode current spec: %w", err)
		}
		user = "Current stack (edit it; keep what the request does not change):\n" + string(cur) + "\n\nRequest:\n" + req.Prompt
	}
	return json.Marshal(chatRequest{
		Model:          e.cfg.Model,
		Messages:       []chatMessage{{Role: "system", Content: systemPrompt}, {Role: "user", Content: user}},
		ResponseFormat: responseFormat{Type: "json_schema", JSONSchema: jsonSchema{Name: "syncloud_stack", Schema: answerSchema}},
	})
}

type chatResponse struct {
	Choices []struct {
		Message chatMessage `json:"message"`
	} `json:"choices"`
	Error *struct {
		Message string `json:"message"`
	} `json:"error"`
}

// complete posts one chat completion and returns the answer's content.
func (e *Engine) complete(ctx context.Context, body []byte) (string, error) {
	url := strings.TrimRight(e.cfg.URL, "/") + "/v1/chat/completions"
	hreq, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return "", fmt.Errorf("llm: %w", err)
	}
	hreq.Header.Set("Content-Type", "application/json")
	if e.cfg.APIKey != "" {
		hreq.Header.Set("Authorization", "Bearer "+e.cfg.APIKey)
	}
	resp, err := e.client.Do(hreq)
	if err != nil {
		return "", fmt.Errorf("llm: no answer from %s within %s: %w", e.cfg.URL, e.cfg.Timeout, err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, 4<<20))
	if err != nil {
		return "", fmt.Errorf("llm: read answer: %w", err)
	}
	var cr chatResponse
	jsonErr := json.Unmarshal(raw, &cr)
	if resp.StatusCode != http.StatusOK {
		msg := http.StatusText(resp.StatusCode)
		if jsonErr == nil && cr.Error != nil {
			msg = cr.Error.Message
		}
		return "", fmt.Errorf("llm: endpoint answered %d: %s", resp.StatusCode, msg)
	}
	if jsonErr != nil || len(cr.Choices) == 0 {
		return "", fmt.Errorf("llm: malformed chat completion from %s", e.cfg.URL)
	}
	return cr.Choices[0].Message.Content, nil
}
