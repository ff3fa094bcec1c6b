package agent

import (
	"context"
	"io"
	"os"
	"strings"

	"github.com/syncloud/syncloud/internal/tfrun"
)

// Env is what the agent adds to Terraform's environment for a job: this
// process's environment (so the usual AWS credential chain works and
// never leaves the machine; TF_* variables are left out so a user's
// settings cannot redirect the run), the run's state password and the
// workspace's AWS endpoint.
func Env(base []string, j *Job) map[string]string {
	env := map[string]string{}
	for _, kv := range base {
		if k, v, ok := strings.Cut(kv, "="); ok && !strings.HasPrefix(k, "TF_") {
			env[k] = v
		}
	}
	env["TF_HTTP_PASSWORD"] = j.Backend.Password
	if j.Endpoint != "" {
		env["AWS_ENDPOINT_URL"] = j.Endpoint
	}
	return env
}

// tfJob is the Terraform invocation of a claimed job on this machine.
func tfJob(j *Job, log io.Writer) tfrun.Job {
	files := make(map[string][]byte, len(j.Files))
	for name, content := range j.Files {
		files[name] = []byte(content)
	}
	return tfrun.Job{RunID: j.Run.ID, Files: files, Env: Env(os.Environ(), j), Log: log,
		Destroy: j.Run.Operation == "destroy"}
}

// plan makes the job's plan with the local Terraform.
func plan(ctx context.Context, tf *tfrun.Terraform, j *Job, log io.Writer) (*tfrun.PlanResult, error) {
	return tf.Plan(ctx, tfJob(j, log))
}

// apply applies exactly the job's approved plan file, writing Terraform's
// machine-readable UI events to events.
func apply(ctx context.Context, tf *tfrun.Terraform, j *Job, log, events io.Writer) error {
	file, err := j.PlanFileBytes()
	if err != nil {
		return err
	}
	tj := tfJob(j, log)
	tj.Events = events
	return tf.Apply(ctx, tj, file, j.PlanSHA256)
}
