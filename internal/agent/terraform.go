package agent

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/terraform-exec/tfexec"
	tfjson "github.com/hashicorp/terraform-json"

	"github.com/syncloud/syncloud/internal/adopt"
	"github.com/syncloud/syncloud/internal/tfcli"
)

// Terraform runs the local terraform binary for claimed runs, each in its
// own directory under WorkDir, with the machine's own AWS credentials.
type Terraform struct {
	// Binary is the terraform executable.
	Binary string
	// PluginMirror is a provider filesystem mirror; "" installs providers
	// from the registry. Providers are cached in WorkDir/plugin-cache.
	PluginMirror string
	// WorkDir holds run directories, the CLI config and the plugin cache.
	WorkDir string
	// StopGrace is how long Terraform may take to stop cleanly (and write
	// its state) after the context is cancelled before it is killed.
	StopGrace time.Duration
}

// planFileName is the saved plan's name in a run directory.
const planFileName = "run.tfplan"

// Plan is a saved plan: its file and its JSON form.
type Plan struct {
	File []byte
	JSON []byte
}

// ErrPlanHash means the plan file to apply is not the approved one.
var ErrPlanHash = errors.New("plan file SHA-256 does not match the approved plan")

// cliConfig writes the Terraform CLI configuration: the plugin cache and,
// when configured, the filesystem mirror as the only provider source.
func (t *Terraform) cliConfig() (string, error) {
	return tfcli.WriteConfig(t.WorkDir, t.PluginMirror)
}

// Env is the environment Terraform runs with for a job: this process's
// environment (so the usual AWS credential chain works and never leaves
// the machine), the CLI config, the run's state password and the
// workspace's AWS endpoint.
func Env(base []string, rc string, j *Job) map[string]string {
	env := map[string]string{}
	for _, kv := range base {
		if k, v, ok := strings.Cut(kv, "="); ok && !strings.HasPrefix(k, "TF_") {
			env[k] = v
		}
	}
	env["TF_CLI_CONFIG_FILE"] = rc
	env["CHECKPOINT_DISABLE"] = "1"
	env["TF_HTTP_PASSWORD"] = j.Backend.Password
	if j.Endpoint != "" {
		env["AWS_ENDPOINT_URL"] = j.Endpoint
	}
	return env
}

// prepare writes the job's files into a fresh directory and runs init.
func (t *Terraform) prepare(ctx context.Context, j *Job, log io.Writer) (*tfexec.Terraform, string, error) {
	rc, err := t.cliConfig()
	if err != nil {
		return nil, "", err
	}
	dir := filepath.Join(t.WorkDir, "runs", strconv.FormatInt(j.Run.ID, 10))
	if err := os.RemoveAll(dir); err != nil {
		return nil, "", fmt.Errorf("clean run dir: %w", err)
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, "", fmt.Errorf("run dir: %w", err)
	}
	for name, content := range j.Files {
		if filepath.Base(name) != name || name == "." || name == ".." {
			return nil, "", fmt.Errorf("config file name %q", name)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o600); err != nil {
			return nil, "", fmt.Errorf("write config: %w", err)
		}
	}
	tf, err := t.exec(dir, Env(os.Environ(), rc, j), log)
	if err != nil {
		return nil, "", err
	}
	if err := tf.Init(ctx, tfexec.Upgrade(false)); err != nil {
		return nil, "", fmt.Errorf("terraform init: %w", err)
	}
	return tf, dir, nil
}

func (t *Terraform) exec(dir string, env map[string]string, log io.Writer) (*tfexec.Terraform, error) {
	tf, err := tfexec.NewTerraform(dir, t.Binary)
	if err != nil {
		return nil, fmt.Errorf("terraform: %w", err)
	}
	if err := tf.SetEnv(env); err != nil {
		return nil, fmt.Errorf("terraform env: %w", err)
	}
	if runtime.GOOS != "windows" && t.StopGrace > 0 {
		// On cancellation Terraform gets an interrupt and StopGrace to
		// finish the resource in flight and persist state.
		if err := tf.SetWaitDelay(t.StopGrace); err != nil {
			return nil, fmt.Errorf("terraform stop grace: %w", err)
		}
	}
	tf.SetStdout(log)
	tf.SetStderr(log)
	return tf, nil
}

// Plan runs init and plan for the job (a destroy plan for a destroy run)
// and returns the saved plan with its JSON form.
func (t *Terraform) Plan(ctx context.Context, j *Job, log io.Writer) (*Plan, error) {
	tf, dir, err := t.prepare(ctx, j, log)
	if err != nil {
		return nil, err
	}
	destroy := j.Run.Operation == "destroy"
	p, err := plan(ctx, tf, destroy, log)
	if err != nil {
		return nil, err
	}
	if !destroy {
		// The lookups use the credentials Terraform uses, on this machine.
		if imports := adopt.Orphans(ctx, p, Env(os.Environ(), "", j), log); imports != nil {
			if err := os.WriteFile(filepath.Join(dir, adopt.FileName), imports, 0o600); err != nil {
				return nil, fmt.Errorf("write import blocks: %w", err)
			}
			fmt.Fprintln(log, "SynCloud: planning again with the import blocks")
			if p, err = plan(ctx, tf, destroy, log); err != nil {
				return nil, err
			}
		}
	}
	js, err := json.Marshal(p)
	if err != nil {
		return nil, fmt.Errorf("encode plan: %w", err)
	}
	file, err := os.ReadFile(filepath.Join(dir, planFileName))
	if err != nil {
		return nil, fmt.Errorf("read plan file: %w", err)
	}
	return &Plan{File: file, JSON: js}, nil
}

// plan runs terraform plan into the plan file and reads it back.
func plan(ctx context.Context, tf *tfexec.Terraform, destroy bool, log io.Writer) (*tfjson.Plan, error) {
	if _, err := tf.Plan(ctx, tfexec.Out(planFileName), tfexec.Destroy(destroy)); err != nil {
		return nil, fmt.Errorf("terraform plan: %w", err)
	}
	tf.SetStdout(io.Discard)
	p, err := tf.ShowPlanFile(ctx, planFileName)
	tf.SetStdout(log)
	if err != nil {
		return nil, fmt.Errorf("terraform show: %w", err)
	}
	return p, nil
}

// Apply applies exactly the job's approved plan file after checking its
// SHA-256, writing Terraform's machine-readable UI events to events.
func (t *Terraform) Apply(ctx context.Context, j *Job, log, events io.Writer) error {
	file, err := j.PlanFileBytes()
	if err != nil {
		return err
	}
	if sha256Hex(file) != j.PlanSHA256 {
		return ErrPlanHash
	}
	tf, dir, err := t.prepare(ctx, j, log)
	if err != nil {
		return err
	}
	path := filepath.Join(dir, planFileName)
	if err := os.WriteFile(path, file, 0o600); err != nil {
		return fmt.Errorf("write plan file: %w", err)
	}
	onDisk, err := os.ReadFile(path)
	if err != nil || !bytes.Equal(onDisk, file) {
		return ErrPlanHash
	}
	if err := tf.ApplyJSON(ctx, events, tfexec.DirOrPlan(planFileName)); err != nil {
		return fmt.Errorf("terraform apply: %w", err)
	}
	return nil
}

func sha256Hex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}
