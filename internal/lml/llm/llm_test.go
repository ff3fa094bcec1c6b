package llm

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/syncloud/syncloud/internal/lml"
)

// fakeModel is a local server that speaks the OpenAI chat-completions
// protocol: it checks the request as a real endpoint would and answers with
// the content the test chose.
type fakeModel struct {
	t       *testing.T
	content string
	status  int
	delay   time.Duration
	got     chatRequest
}

func (f *fakeModel) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost || r.URL.Path != "/v1/chat/completions" {
		http.NotFound(w, r)
		return
	}
	if r.Header.Get("Authorization") != "Bearer test-key" {
		w.WriteHeader(http.StatusUnauthorized)
		json.NewEncoder(w).Encode(map[string]any{"error": map[string]string{"message": "invalid api key"}})
		return
	}
	if err := json.NewDecoder(r.Body).Decode(&f.got); err != nil {
		w.WriteHeader(http.StatusBadRequest)
		return
	}
	select {
	case <-time.After(f.delay):
	case <-r.Context().Done():
		return
	}
	if f.status != 0 {
		w.WriteHeader(f.status)
		json.NewEncoder(w).Encode(map[string]any{"error": map[string]string{"message": "model overloaded"}})
		return
	}
	json.NewEncoder(w).Encode(map[string]any{
		"id": "chatcmpl-1", "object": "chat.completion", "model": f.got.Model,
		"choices": []map[string]any{{"index": 0, "finish_reason": "stop",
			"message": map[string]string{"role": "assistant", "content": f.content}}},
	})
}

func newEngine(t *testing.T, f *fakeModel, timeout time.Duration) *Engine {
	t.Helper()
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	e, err := New(Config{URL: srv.URL, Model: "test-model", APIKey: "test-key", Timeout: timeout})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

const bucketAnswer = `{"understood": ["one S3 bucket"], "stack": {"region": "eu-west-1", "resources": [
  {"type": "aws_s3_bucket", "name": "logs", "attrs": [{"name": "bucket", "value": "acme-logs"}]},
  {"type": "aws_s3_bucket_versioning", "name": "logs", "attrs": [{"name": "bucket", "value": {"$ref": "aws_s3_bucket.logs.id"}}],
   "blocks": [{"type": "versioning_configuration", "attrs": [{"name": "status", "value": "Enabled"}]}]}]}}`

func TestDraftAsksForJSONUnderSchema(t *testing.T) {
	f := &fakeModel{t: t, content: bucketAnswer}
	d, err := newEngine(t, f, time.Second).Draft(context.Background(), lml.Request{Prompt: "a versioned bucket"})
	if err != nil {
		t.Fatal(err)
	}
	if f.got.Model != "test-model" || f.got.ResponseFormat.Type != "json_schema" || len(f.got.Messages) != 2 {
		t.Errorf("request = %+v", f.got)
	}
	if got := f.got.Messages[1].Content; got != "a versioned bucket" {
		t.Errorf("user message = %q", got)
	}
	if d.Stack.Region != "eu-west-1" || len(d.Stack.Resources) != 2 {
		t.Fatalf("stack = %+v", d.Stack)
	}
	if ref, _ := d.Stack.Resources[1].Body.Get("bucket"); ref.Ref == nil || ref.Ref.String() != "aws_s3_bucket.logs.id" {
		t.Errorf("reference not decoded: %#v", ref)
	}
}

func TestDraftErrors(t *testing.T) {
	tests := []struct {
		name    string
		model   fakeModel
		timeout time.Duration
		want    string
	}{
		{"malformed answer", fakeModel{content: "resource \"aws_s3_bucket\" {"}, time.Second, "malformed answer"},
		{"server error", fakeModel{status: http.StatusServiceUnavailable}, time.Second, "503: model overloaded"},
		{"timeout", fakeModel{content: bucketAnswer, delay: 2 * time.Second}, 100 * time.Millisecond, "no answer from"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := newEngine(t, &tt.model, tt.timeout).Draft(context.Background(), lml.Request{Prompt: "a bucket"})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestDraftNothing(t *testing.T) {
	f := &fakeModel{content: `{"nothing": true, "understood": ["a request for a sandwich"]}`}
	_, err := newEngine(t, f, time.Second).Draft(context.Background(), lml.Request{Prompt: "make me a sandwich"})
	if !lml.IsNothing(err) {
		t.Fatalf("err = %v, want a NothingError", err)
	}
}

func TestGeneratorRejectsInventedTypes(t *testing.T) {
	f := &fakeModel{content: `{"stack": {"region": "us-east-1", "resources": [{"type": "aws_magic_box", "name": "x"}]}}`}
	g := &lml.Generator{Engine: newEngine(t, f, time.Second)}
	_, err := g.Generate(context.Background(), lml.Request{Prompt: "a magic box"})
	if !errors.Is(err, lml.ErrInvalidDraft) || !strings.Contains(err.Error(), "aws_magic_box") {
		t.Fatalf("err = %v, want ErrInvalidDraft naming the type", err)
	}
}

// fixedEngine always returns the same draft: the fallback in the test below.
type fixedEngine struct{ answer string }

func (fixedEngine) Name() string { return "fixed" }

func (e fixedEngine) Draft(context.Context, lml.Request) (*lml.Draft, error) {
	var a answer
	if err := json.Unmarshal([]byte(e.answer), &a); err != nil {
		return nil, err
	}
	return &lml.Draft{Stack: a.Stack}, nil
}

func TestGeneratorFallsBack(t *testing.T) {
	f := &fakeModel{status: http.StatusInternalServerError}
	g := &lml.Generator{Engine: newEngine(t, f, time.Second), Fallback: fixedEngine{bucketAnswer}}
	res, err := g.Generate(context.Background(), lml.Request{Prompt: "a bucket"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Engine != "fixed" {
		t.Errorf("engine = %q, want the fallback", res.Engine)
	}
}
