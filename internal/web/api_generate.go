package web

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/http"
	"slices"
	"unicode/utf8"

	"github.com/syncloud/syncloud/internal/lml"
	"github.com/syncloud/syncloud/internal/spec"
)

// MaxPromptBytes is the longest prompt POST /api/v1/generate accepts.
const MaxPromptBytes = 16 << 10

// The output formats of POST /api/v1/generate.
const (
	FormatHCL  = "hcl"  // Terraform HCL, main.tf
	FormatJSON = "json" // Terraform JSON, main.tf.json
	FormatCFN  = "cfn"  // CloudFormation template
)

// GenerateRequest is a prompt to turn into infrastructure code.
type GenerateRequest struct {
	Prompt string `json:"prompt"`
	Format string `json:"format,omitempty"`
	Region string `json:"region,omitempty"`
}

// Generated is the answer of the LML pipeline, rendered: files by name,
// the guardrails' findings and the explanation, both already in their JSON
// form.
type Generated struct {
	Files       map[string]string
	Findings    any
	Explanation any
}

// Generator runs the LML pipeline and renders its stack. It fails with an
// error for which lml.IsNothing is true when the prompt asks for nothing
// buildable.
type Generator interface {
	Generate(ctx context.Context, req GenerateRequest) (*Generated, error)
}

type generateResponse struct {
	RequestID   string            `json:"request_id"`
	Files       map[string]string `json:"files"`
	Findings    any               `json:"findings"`
	Explanation any               `json:"explanation"`
}

// generate serves POST /api/v1/generate. The audit event, carrying the
// SHA-256 of the generated files, is durable before the answer is sent.
func (s *Server) generate(w http.ResponseWriter, r *http.Request) error {
	var req GenerateRequest
	if err := readJSON(w, r, 6*MaxPromptBytes+4096, &req); err != nil {
		return tooLongIsBadRequest(err)
	}
	if err := checkGenerate(&req); err != nil {
		return err
	}
	setPrompt(r.Context(), req.Prompt)
	start := s.now()
	out, err := s.deps.Generator.Generate(r.Context(), req)
	s.metrics.observeGenerate(s.now().Sub(start))
	if lml.IsNothing(err) {
		return &Error{Status: http.StatusUnprocessableEntity, Msg: err.Error()}
	}
	if err != nil {
		return err
	}
	p := mustPrincipal(r.Context())
	ev := actorEvent(p, "generate", "request:"+requestID(r.Context()), map[string]any{
		"format": req.Format, "region": req.Region, "sha256": filesHash(out.Files),
	})
	if err := s.deps.Audit.Append(r.Context(), ev); err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, generateResponse{
		RequestID: requestID(r.Context()), Files: out.Files,
		Findings: out.Findings, Explanation: out.Explanation,
	})
}

func checkGenerate(req *GenerateRequest) error {
	switch {
	case req.Prompt == "":
		return errorf(http.StatusBadRequest, "prompt is required")
	case len(req.Prompt) > MaxPromptBytes:
		return errorf(http.StatusBadRequest, "prompt is %d bytes, over the limit of %d", len(req.Prompt), MaxPromptBytes)
	case !utf8.ValidString(req.Prompt):
		return errorf(http.StatusBadRequest, "prompt is not valid UTF-8")
	case req.Region != "" && !spec.ValidRegion(req.Region):
		return errorf(http.StatusBadRequest, "region %q is not an AWS region code", req.Region)
	}
	if req.Format == "" {
		req.Format = FormatHCL
	}
	if !slices.Contains([]string{FormatHCL, FormatJSON, FormatCFN}, req.Format) {
		return errorf(http.StatusBadRequest, "format must be hcl, json or cfn")
	}
	return nil
}

// tooLongIsBadRequest answers an oversized generate body with 400, as the
// API promises for prompts over the limit.
func tooLongIsBadRequest(err error) error {
	var e *Error
	if errors.As(err, &e) && e.Status == http.StatusRequestEntityTooLarge {
		return errorf(http.StatusBadRequest, "prompt over the limit of %d bytes", MaxPromptBytes)
	}
	return err
}

// filesHash is the SHA-256 over the generated files in name order, each as
// name, NUL, content, NUL: the hash the audit event records.
func filesHash(files map[string]string) string {
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	slices.Sort(names)
	h := sha256.New()
	for _, n := range names {
		h.Write([]byte(n))
		h.Write([]byte{0})
		h.Write([]byte(files[n]))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))
}
