package main

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
)

// runVersion prints the module version and, when built from a checkout, the
// VCS revision. Exit code 0.
func runVersion(_ context.Context, _ []string, _ io.Reader, stdout, _ io.Writer) int {
	version, revision := "(devel)", ""
	if info, ok := debug.ReadBuildInfo(); ok {
		if info.Main.Version != "" {
			version = info.Main.Version
		}
		for _, s := range info.Settings {
			if s.Key == "vcs.revision" {
				revision = s.Value
			}
		}
	}
	fmt.Fprintf(stdout, "syncloud %s", version)
	if revision != "" {
		fmt.Fprintf(stdout, " (%.12s)", revision)
	}
	fmt.Fprintf(stdout, " %s %s/%s\n", runtime.Version(), runtime.GOOS, runtime.GOARCH)
	return 0
}
