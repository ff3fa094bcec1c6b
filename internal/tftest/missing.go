package tftest

import (
	"fmt"
	"os"
	"testing"
)

// Missing skips the test for a tool that is not installed, loudly; under
// CI=true, where .ci/run installs every tool, it fails instead, so that a
// broken set-up cannot pass as skipped tests.
func Missing(t testing.TB, format string, args ...any) {
	t.Helper()
	msg := fmt.Sprintf(format, args...)
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s (CI must install it)", msg)
	}
	t.Skipf("SKIPPED: %s", msg)
}
