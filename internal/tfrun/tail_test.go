package tfrun

import (
	"context"
	"errors"
	"strings"
	"testing"
)

// TestTailExplain adds the end of Terraform's diagnostics to the error of
// an interrupted command only.
func TestTailExplain(t *testing.T) {
	exit := errors.New("exit status 1")
	stopped, cancel := context.WithCancel(context.Background())
	cancel()
	tests := []struct {
		name   string
		ctx    context.Context
		stderr string
		want   string
	}{
		{"running: tfexec's error has the diagnostics", context.Background(), "Error: refused\n", "exit status 1"},
		{"interrupted: from the first Error", stopped, "Interrupt received.\nError: creating table: ThrottlingException\n",
			"exit status 1\nError: creating table: ThrottlingException"},
		{"interrupted, nothing on stderr", stopped, "", "exit status 1"},
		{"only the last bytes are kept", stopped, strings.Repeat("x", 2*stderrTail) + "Error: last\n", "exit status 1\nError: last"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tl := &tail{max: stderrTail}
			tl.Write([]byte(tt.stderr))
			err := tl.explain(tt.ctx, exit)
			if err.Error() != tt.want || !errors.Is(err, exit) {
				t.Errorf("explain = %q, want %q wrapping the exit error", err, tt.want)
			}
			if len(tl.b) > stderrTail {
				t.Errorf("tail holds %d bytes, more than %d", len(tl.b), stderrTail)
			}
		})
	}
}
