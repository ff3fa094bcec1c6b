package kumotest

import (
	"os/exec"
	"syscall"
)

// dieWithTest makes kumo end with the test binary, even when that is
// killed outright (a timeout, SIGKILL) before its cleanups run.
func dieWithTest(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}
