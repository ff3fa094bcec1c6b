package tfrun

import (
	"os/exec"
	"syscall"
)

// dieWithParent makes a schema server end with the worker process, even
// when that is killed outright.
func dieWithParent(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}
