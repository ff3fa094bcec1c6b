package tftest

import (
	"os"
	"os/exec"
	"testing"
)

// Environment of the tests that run Terraform against an emulator.
const (
	EnvTerraform = "SYNCLOUD_TERRAFORM"        // terraform binary; default /usr/local/bin/terraform, then $PATH
	EnvMirror    = "SYNCLOUD_TF_PLUGIN_MIRROR" // provider mirror; default /opt/tf-plugins when present
)

// Binary finds terraform (EnvTerraform, /usr/local/bin/terraform, $PATH)
// and skips the test loudly when it is missing.
func Binary(t testing.TB) string {
	t.Helper()
	return Executable(t, EnvTerraform, "/usr/local/bin/terraform", "terraform")
}

// Executable finds a program the end-to-end tests run: the path in the
// environment variable env, else fallback, else name on $PATH. It skips
// the test loudly when there is none, or fails it under CI (Missing).
func Executable(t testing.TB, env, fallback, name string) string {
	t.Helper()
	for _, p := range []string{os.Getenv(env), fallback} {
		if p == "" {
			continue
		}
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	if p, err := exec.LookPath(name); err == nil {
		return p
	}
	Missing(t, "%s is not installed (set %s)", name, env)
	return ""
}

// Mirror is the AWS provider's filesystem mirror (EnvMirror, else
// /opt/tf-plugins when it exists), or "" to install from the registry.
func Mirror() string {
	if m := os.Getenv(EnvMirror); m != "" {
		return m
	}
	if _, err := os.Stat("/opt/tf-plugins"); err == nil {
		return "/opt/tf-plugins"
	}
	return ""
}
