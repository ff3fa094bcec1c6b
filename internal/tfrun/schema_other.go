//go:build !linux

package tfrun

import "os/exec"

// dieWithParent does nothing where the kernel cannot tie a process to its
// parent: Close stops the schema servers.
func dieWithParent(*exec.Cmd) {}
