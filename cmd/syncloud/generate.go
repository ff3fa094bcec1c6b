package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/syncloud/syncloud/internal/iac"
	"github.com/syncloud/syncloud/internal/lml"
	"github.com/syncloud/syncloud/internal/spec"
)

// Exit codes of syncloud generate.
const (
	exitOK      = 0
	exitError   = 1 // bad flags, unreadable input, a file that cannot be written
	exitNothing = 2 // the prompt asks for nothing buildable
)

const generateUsage = `usage: syncloud generate [--format hcl|json|cfn] [--out DIR] [--region R] [--explain] [--json] -- PROMPT

Turns a request in plain English into Terraform (main.tf, main.tf.json) or a
CloudFormation template (template.json), offline. PROMPT "-" reads standard
input. Without --out the code goes to standard output.

exit codes: 0 generated, 1 usage or I/O error, 2 nothing buildable in the prompt
`

// generateArgs are the parsed flags of syncloud generate.
type generateArgs struct {
	Format  iac.Format
	Out     string
	Region  string
	Explain bool
	JSON    bool
	Prompt  string
}

func parseGenerateArgs(args []string, stdin io.Reader) (*generateArgs, error) {
	fs := flag.NewFlagSet("generate", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	format := fs.String("format", "hcl", "output format: hcl, json or cfn")
	a := &generateArgs{}
	fs.StringVar(&a.Out, "out", "", "directory to write the files into")
	fs.StringVar(&a.Region, "region", "", "AWS region (overrides the prompt)")
	fs.BoolVar(&a.Explain, "explain", false, "print the spec, assumptions and policy findings")
	fs.BoolVar(&a.JSON, "json", false, "print the result as JSON for programs")
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	f, err := iac.ParseFormat(*format)
	if err != nil {
		return nil, err
	}
	a.Format = f
	if a.Region != "" && !spec.ValidRegion(a.Region) {
		return nil, fmt.Errorf("--region %q is not an AWS region code", a.Region)
	}
	a.Prompt = strings.Join(fs.Args(), " ")
	if a.Prompt == "-" {
		b, err := io.ReadAll(io.LimitReader(stdin, 1<<20))
		if err != nil {
			return nil, fmt.Errorf("read prompt from stdin: %w", err)
		}
		a.Prompt = string(b)
	}
	return a, nil
}

func runGenerate(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	a, err := parseGenerateArgs(args, stdin)
	if err != nil {
		fmt.Fprintf(stderr, "syncloud generate: %v\n\n%s", err, generateUsage)
		return exitError
	}
	gen, err := newGenerator(llmConfigFromEnv())
	if err != nil {
		fmt.Fprintf(stderr, "syncloud generate: %v\n", err)
		return exitError
	}
	res, err := gen.Generate(ctx, lml.Request{Prompt: a.Prompt, Region: a.Region})
	if err != nil {
		if lml.IsNothing(err) {
			fmt.Fprintf(stderr, "syncloud generate: %v\n", err)
			return exitNothing
		}
		fmt.Fprintf(stderr, "syncloud generate: %v\n", err)
		return exitError
	}
	files, err := iac.Render(res.Stack, a.Format)
	if err != nil {
		fmt.Fprintf(stderr, "syncloud generate: %v\n", err)
		return exitError
	}
	for _, w := range res.Warnings() {
		fmt.Fprintf(stderr, "warning: %s\n", w)
	}
	if a.Out != "" {
		if err := writeFiles(a.Out, files); err != nil {
			fmt.Fprintf(stderr, "syncloud generate: %v\n", err)
			return exitError
		}
	}
	return generateView{args: a, res: res, files: files}.print(stdout, stderr)
}

func writeFiles(dir string, files map[string][]byte) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("create output directory: %w", err)
	}
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			return fmt.Errorf("write %s: %w", name, err)
		}
	}
	return nil
}

// generateView prints a result as people or programs want it.
type generateView struct {
	args  *generateArgs
	res   *lml.Result
	files map[string][]byte
}

func (v generateView) print(stdout, stderr io.Writer) int {
	if v.args.JSON {
		return v.printJSON(stdout)
	}
	if v.args.Out == "" {
		for _, name := range sortedNames(v.files) {
			stdout.Write(v.files[name])
		}
	} else {
		for _, name := range sortedNames(v.files) {
			fmt.Fprintf(stdout, "wrote %s\n", filepath.Join(v.args.Out, name))
		}
	}
	if v.args.Explain {
		w := stdout
		if v.args.Out == "" {
			w = stderr // keep standard output pure code
		}
		explain(w, v.res)
	}
	return exitOK
}

func (v generateView) printJSON(stdout io.Writer) int {
	out := struct {
		*lml.Result
		Files map[string]string `json:"files,omitempty"`
	}{Result: v.res}
	if v.args.Out == "" {
		out.Files = map[string]string{}
		for name, b := range v.files {
			out.Files[name] = string(b)
		}
	}
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		return exitError
	}
	return exitOK
}

func explain(w io.Writer, r *lml.Result) {
	fmt.Fprintf(w, "Engine: %s\nRegion: %s\n", r.Engine, r.Stack.Region)
	section(w, "Understood", r.Understood)
	section(w, "Resources", r.Summary())
	var as []string
	for _, a := range r.Assumptions {
		if a.Path != "" {
			as = append(as, a.Path+": "+a.Message)
		} else {
			as = append(as, a.Message)
		}
	}
	section(w, "Assumptions", as)
	var fs []string
	for _, f := range r.Findings {
		fs = append(fs, f.String())
	}
	section(w, "Policy findings", fs)
	section(w, "Not placed", r.Unplaced)
}

func section(w io.Writer, title string, lines []string) {
	if len(lines) == 0 {
		return
	}
	fmt.Fprintf(w, "\n%s:\n", title)
	for _, l := range lines {
		fmt.Fprintf(w, "  - %s\n", l)
	}
}

func sortedNames(files map[string][]byte) []string {
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}
