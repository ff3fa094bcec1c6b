package portal

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/syncloud/syncloud/internal/auth"
	"github.com/syncloud/syncloud/internal/iac"
	"github.com/syncloud/syncloud/internal/lml"
	"github.com/syncloud/syncloud/internal/spec"
)

// maxPrompt bounds a playground prompt, as the API does.
const maxPrompt = 16 << 10

// playgroundGenerate serves POST /playground: it runs the LML pipeline on
// the prompt, renders the chosen format, records a "generate" audit event
// with the code's hash and shows the code with its explanation. With
// action=plan it asks in a workspace instead (playgroundPlan).
func (p *Portal) playgroundGenerate(w http.ResponseWriter, r *http.Request) error {
	v := newPlaygroundView(p.page(r, "Playground"), r.PostFormValue("prompt"),
		r.PostFormValue("format"), strings.TrimSpace(r.PostFormValue("region")))
	p.notePrompt(r, v.Prompt)
	if r.PostFormValue("action") == "plan" {
		return p.playgroundPlan(w, r, &v)
	}
	tf := readTargetForm(r, v.Region)
	tf.New.Errors = nil
	var err error
	if v.Target, err = p.playgroundTarget(r, tf); err != nil {
		return err
	}
	format, msg, regionMsg := checkPlayground(v.Prompt, v.Format, v.Region)
	if msg == "" && regionMsg == "" {
		if msg, err = p.generate(r, &v, format); err != nil {
			return err
		}
	}
	status := http.StatusOK
	if msg != "" || regionMsg != "" {
		v.Error, v.RegionError, status = msg, regionMsg, http.StatusUnprocessableEntity
	}
	p.render(w, status, "playground", v)
	return nil
}

// checkPlayground validates the form: msg says what is wrong with the
// prompt or format, regionMsg what is wrong with the region, each shown
// next to its field.
func checkPlayground(prompt, format, region string) (f iac.Format, msg, regionMsg string) {
	if region != "" && !spec.ValidRegion(region) {
		regionMsg = fmt.Sprintf("%q is not an AWS region code such as us-east-1.", region)
	}
	switch {
	case strings.TrimSpace(prompt) == "":
		return "", "Describe the infrastructure you want.", regionMsg
	case len(prompt) > maxPrompt || !utf8.ValidString(prompt):
		return "", fmt.Sprintf("The description must be valid text of at most %d bytes.", maxPrompt), regionMsg
	}
	f, err := iac.ParseFormat(format)
	if err != nil {
		return "", "Choose an output format.", regionMsg
	}
	return f, "", regionMsg
}

// generate fills v from the pipeline; a message is returned for prompts
// that ask for nothing buildable.
func (p *Portal) generate(r *http.Request, v *playgroundView, format iac.Format) (string, error) {
	res, err := p.deps.Generator.Generate(r.Context(), lml.Request{Prompt: v.Prompt, Region: v.Region})
	if lml.IsNothing(err) {
		return "Nothing buildable was recognised in that description: " + err.Error(), nil
	}
	if err != nil {
		return "", fmt.Errorf("generate: %w", err)
	}
	files, err := iac.Render(res.Stack, format)
	if err != nil {
		return "", fmt.Errorf("render %s: %w", format, err)
	}
	v.Generated, v.Engine, v.Resources = true, res.Engine, res.Summary()
	v.Understood, v.Assumptions, v.Unplaced, v.Findings = res.Understood, res.Assumptions, res.Unplaced, res.Findings
	v.Files, v.SHA256 = sortedFiles(files), filesHash(files)
	return "", p.auditGenerate(r, string(format), res.Stack.Region, v.SHA256)
}

// auditGenerate records the generation like the API's: format, region
// and the SHA-256 of the files.
func (p *Portal) auditGenerate(r *http.Request, format, region, sum string) error {
	if p.deps.Audit == nil {
		return nil
	}
	pr := mustPrincipal(r.Context())
	err := p.deps.Audit.Append(r.Context(), auth.Event{OrgID: pr.OrgID, ActorType: "user", ActorID: pr.UserID,
		Action: "generate", Target: "playground", Details: map[string]any{
			"format": format, "region": region, "sha256": sum, "source": "portal"}})
	if err != nil {
		return fmt.Errorf("audit generate: %w", err)
	}
	return nil
}

func sortedFiles(files map[string][]byte) []generatedFile {
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	slices.Sort(names)
	out := make([]generatedFile, len(names))
	for i, n := range names {
		code := string(files[n])
		out[i] = generatedFile{ID: "file-" + strconv.Itoa(i), Name: n, Content: code, HTML: highlight(n, code)}
	}
	return out
}

// filesHash is the SHA-256 over the files in name order, each name and
// content NUL-terminated: the same hash the API records.
func filesHash(files map[string][]byte) string {
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	slices.Sort(names)
	h := sha256.New()
	for _, n := range names {
		h.Write([]byte(n))
		h.Write([]byte{0})
		h.Write(files[n])
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))
}
