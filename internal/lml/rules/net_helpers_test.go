package rules

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/syncloud/syncloud/internal/lml"
	"github.com/syncloud/syncloud/internal/spec"
)

// ncCheck is one expectation on a drafted stack: how many instances of a
// type (summing counts) have an attribute path with a value ("" means the
// type alone). Paths are dotted: "root_block_device.volume_size",
// "filter.values". Values compare by their rendering: strings as written,
// numbers in %g, references as their traversal.
type ncCheck struct {
	typ   string // "aws_instance" or "data.aws_ami"
	path  string
	value string
	count int
}

// ncDraft runs the engine on a prompt and fails the test on an error.
func ncDraft(t *testing.T, prompt string) *spec.Stack {
	t.Helper()
	d, err := Engine{}.Draft(context.Background(), lml.Request{Prompt: prompt})
	if lml.IsNothing(err) {
		return &spec.Stack{Region: lml.DefaultRegion} // checks of absent types still apply
	}
	if err != nil {
		t.Fatalf("Draft(%q): %v", prompt, err)
	}
	if ds := d.Stack.Validate(); ds.HasErrors() {
		t.Fatalf("Draft(%q) gave an invalid stack: %v", prompt, ds.Err())
	}
	return d.Stack
}

// ncCount counts the instances of typ whose path has value.
func ncCount(s *spec.Stack, typ, path, value string) int {
	mode := spec.Managed
	if strings.HasPrefix(typ, "data.") {
		mode, typ = spec.Data, typ[5:]
	}
	n := 0
	for i := range s.Resources {
		r := &s.Resources[i]
		if r.Mode != mode || r.Type != typ {
			continue
		}
		if path != "" && !ncHas(ncValues(&r.Body, strings.Split(path, ".")), value) {
			continue
		}
		n += max(r.Count, 1)
	}
	return n
}

func ncHas(vals []string, want string) bool {
	for _, v := range vals {
		if v == want || (strings.HasPrefix(want, "~") && strings.Contains(v, want[1:])) {
			return true
		}
	}
	return false
}

// ncValues renders every value at a path, fanning out over nested blocks
// and lists.
func ncValues(b *spec.Body, path []string) []string {
	var out []string
	if len(path) > 1 {
		for _, nb := range b.BlocksOf(path[0]) {
			out = append(out, ncValues(nb, path[1:])...)
		}
		if v, ok := b.Get(path[0]); ok && v.Kind == spec.KindMap {
			for _, e := range v.Map {
				if e.Key == path[1] {
					out = append(out, ncRender(e.Value)...)
				}
			}
		}
		return out
	}
	if v, ok := b.Get(path[0]); ok {
		out = append(out, ncRender(v)...)
	}
	return out
}

func ncRender(v spec.Value) []string {
	switch v.Kind {
	case spec.KindString:
		return []string{v.Str}
	case spec.KindNumber:
		return []string{strconv.FormatFloat(v.Num, 'g', -1, 64)}
	case spec.KindBool:
		return []string{strconv.FormatBool(v.Bool)}
	case spec.KindRef:
		return []string{v.Ref.String()}
	case spec.KindList:
		var out []string
		for _, e := range v.List {
			out = append(out, ncRender(e)...)
		}
		return out
	}
	return []string{fmt.Sprint(v)}
}

// ncRun checks a table of prompts and expectations.
func ncRun(t *testing.T, cases []struct {
	prompt string
	checks []ncCheck
}) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.prompt, func(t *testing.T) {
			s := ncDraft(t, tc.prompt)
			for _, ch := range tc.checks {
				if got := ncCount(s, ch.typ, ch.path, ch.value); got != ch.count {
					t.Errorf("%s %s=%q: got %d, want %d", ch.typ, ch.path, ch.value, got, ch.count)
				}
			}
		})
	}
}

func ncDraftBench(prompt string) {
	_, _ = Engine{}.Draft(context.Background(), lml.Request{Prompt: prompt})
}
