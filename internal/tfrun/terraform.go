// Package tfrun runs Terraform for a run, on the platform's workers and
// on the Local Agent alike: a fresh directory per run with the rendered
// files, terraform init (or the reuse of an earlier init of the same
// providers and backend), plan into a saved plan file read back as
// `terraform show -json` (through a kept provider process where it can),
// the adoption of what an interrupted apply left (package adopt), and the
// apply of exactly an approved plan file after checking its SHA-256.
package tfrun

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
	"sync"
	"time"

	"github.com/hashicorp/terraform-exec/tfexec"
	tfjson "github.com/hashicorp/terraform-json"

	"github.com/syncloud/syncloud/internal/adopt"
	"github.com/syncloud/syncloud/internal/tfcli"
)

// Terraform runs the terraform binary for runs, each in its own directory
// under WorkDir.
type Terraform struct {
	// Binary is the terraform executable.
	Binary string
	// PluginMirror is a provider filesystem mirror directory; "" installs
	// providers from the registry. Either way providers are cached in
	// WorkDir/plugin-cache.
	PluginMirror string
	// WorkDir holds run directories, the CLI config and the plugin cache.
	WorkDir string
	// StopGrace is how long an interrupted Terraform (the run's context
	// ended) may take to finish the calls in flight and push its state
	// before it is killed; 0 means tfexec's default of a minute.
	StopGrace time.Duration

	once      sync.Once
	cliConfig string
	cliErr    error
	schemas   schemaServers
}

// Close stops the provider processes kept for reading plans.
func (t *Terraform) Close() { t.schemas.close() }

// Job is one run's Terraform invocation.
type Job struct {
	RunID int64
	Files map[string][]byte
	// Env is added to Terraform's environment (PATH, HOME set to the run
	// directory, the CLI config): credentials, TF_HTTP_PASSWORD,
	// AWS_ENDPOINT_URL. The adoption lookups use the same credentials.
	Env     map[string]string
	Log     io.Writer
	Destroy bool
	// Events, when set, receives an apply's machine-readable UI (`terraform
	// apply -json`) instead of Log.
	Events io.Writer

	stderr *tail // the end of Terraform's diagnostics, set by Plan and Apply
}

// PlanResult is a saved plan: the file, its SHA-256 and its JSON form.
type PlanResult struct {
	Plan   *tfjson.Plan
	JSON   []byte
	File   []byte
	SHA256 string
	// Imports is the file of import blocks (adopt.FileName) the plan was
	// made with, or nil when it adopts nothing.
	Imports []byte
}

// planFile is the saved plan's name in a run directory.
const planFile = "run.tfplan"

// writeCLIConfig writes the CLI configuration once per process: the plugin
// cache and, when configured, the filesystem mirror as the only source.
func (t *Terraform) writeCLIConfig() (string, error) {
	t.once.Do(func() { t.cliConfig, t.cliErr = tfcli.WriteConfig(t.WorkDir, t.PluginMirror) })
	return t.cliConfig, t.cliErr
}

// prepare writes a job's files into a fresh run directory and runs
// terraform init there, or restores an earlier init of the same
// providers and backend.
func (t *Terraform) prepare(ctx context.Context, j Job) (*tfexec.Terraform, string, error) {
	rc, err := t.writeCLIConfig()
	if err != nil {
		return nil, "", err
	}
	dir, err := t.runDir(j)
	if err != nil {
		return nil, "", err
	}
	tf, err := t.exec(dir, rc, j)
	if err != nil {
		return nil, "", err
	}
	key, cacheable := t.initKey(j.Files)
	if cacheable && t.restoreInit(key, dir) {
		fmt.Fprintln(j.Log, "SynCloud: reusing an earlier terraform init of the same providers and backend")
		return tf, dir, nil
	}
	if err := tf.Init(ctx, tfexec.Upgrade(false)); err != nil {
		return nil, "", fmt.Errorf("terraform init: %w", j.stderr.explain(ctx, err))
	}
	if cacheable {
		if err := t.saveInit(key, dir); err != nil {
			fmt.Fprintf(j.Log, "SynCloud: this init is not kept for later runs: %v\n", err)
		}
	}
	return tf, dir, nil
}

// runDir writes the job's files into a fresh directory.
func (t *Terraform) runDir(j Job) (string, error) {
	dir := filepath.Join(t.WorkDir, "runs", strconv.FormatInt(j.RunID, 10))
	if err := os.RemoveAll(dir); err != nil {
		return "", fmt.Errorf("clean run dir: %w", err)
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("run dir: %w", err)
	}
	for name, b := range j.Files {
		if filepath.Base(name) != name {
			return "", fmt.Errorf("config file name %q", name)
		}
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o600); err != nil {
			return "", fmt.Errorf("write config: %w", err)
		}
	}
	return dir, nil
}

// exec is Terraform in dir with the job's environment and output.
func (t *Terraform) exec(dir, rc string, j Job) (*tfexec.Terraform, error) {
	tf, err := tfexec.NewTerraform(dir, t.Binary)
	if err != nil {
		return nil, fmt.Errorf("terraform: %w", err)
	}
	env := map[string]string{"PATH": os.Getenv("PATH"), "HOME": dir, "TF_CLI_CONFIG_FILE": rc, "CHECKPOINT_DISABLE": "1"}
	for k, v := range j.Env {
		env[k] = v
	}
	if err := tf.SetEnv(env); err != nil {
		return nil, fmt.Errorf("terraform env: %w", err)
	}
	if t.StopGrace > 0 && runtime.GOOS != "windows" {
		if err := tf.SetWaitDelay(t.StopGrace); err != nil {
			return nil, fmt.Errorf("terraform stop grace: %w", err)
		}
	}
	tf.SetStdout(j.Log)
	tf.SetStderr(io.MultiWriter(j.Log, j.stderr))
	return tf, nil
}

// Plan runs terraform init and plan, saves the plan and reads it back as
// JSON.
func (t *Terraform) Plan(ctx context.Context, j Job) (*PlanResult, error) {
	j.stderr = &tail{max: stderrTail}
	tf, dir, err := t.prepare(ctx, j)
	if err != nil {
		return nil, err
	}
	p, err := t.plan(ctx, tf, dir, j)
	if err != nil {
		return nil, err
	}
	var imports []byte
	if !j.Destroy {
		imports = adopt.Orphans(ctx, p, j.Env, j.Log)
	}
	if imports != nil {
		if err := os.WriteFile(filepath.Join(dir, adopt.FileName), imports, 0o600); err != nil {
			return nil, fmt.Errorf("write import blocks: %w", err)
		}
		fmt.Fprintln(j.Log, "SynCloud: planning again with the import blocks")
		if p, err = t.plan(ctx, tf, dir, j); err != nil {
			return nil, err
		}
	}
	js, err := json.Marshal(p)
	if err != nil {
		return nil, fmt.Errorf("encode plan: %w", err)
	}
	file, err := os.ReadFile(filepath.Join(dir, planFile))
	if err != nil {
		return nil, fmt.Errorf("read plan file: %w", err)
	}
	return &PlanResult{Plan: p, JSON: js, File: file, SHA256: SHA256Hex(file), Imports: imports}, nil
}

// plan runs terraform plan into the plan file and reads it back.
func (t *Terraform) plan(ctx context.Context, tf *tfexec.Terraform, dir string, j Job) (*tfjson.Plan, error) {
	if _, err := tf.Plan(ctx, tfexec.Out(planFile), tfexec.Destroy(j.Destroy)); err != nil {
		return nil, fmt.Errorf("terraform plan: %w", j.stderr.explain(ctx, err))
	}
	tf.SetStdout(io.Discard) // the JSON goes to the plan, not the log
	p, err := t.show(ctx, tf, dir)
	tf.SetStdout(j.Log)
	if err != nil {
		return nil, fmt.Errorf("terraform show: %w", err)
	}
	return p, nil
}

// show reads the saved plan as JSON, attached to a schema server when
// the run's providers have one.
func (t *Terraform) show(ctx context.Context, tf *tfexec.Terraform, dir string) (*tfjson.Plan, error) {
	if info, ok := t.schemas.attach(dir, t.WorkDir); ok {
		p, err := tf.ShowPlanFile(ctx, planFile, tfexec.Reattach(info))
		if err == nil || ctx.Err() != nil {
			return p, err
		}
		t.schemas.forget(info)
	}
	return tf.ShowPlanFile(ctx, planFile)
}

// ErrPlanHash means the plan file about to be applied is not the one that
// was planned and approved.
var ErrPlanHash = errors.New("plan file SHA-256 does not match the approved plan")

// Apply writes the stored plan file into a fresh run directory, checks
// the file on disk against wantSHA256, and applies exactly that plan.
func (t *Terraform) Apply(ctx context.Context, j Job, file []byte, wantSHA256 string) error {
	if SHA256Hex(file) != wantSHA256 {
		return ErrPlanHash
	}
	j.stderr = &tail{max: stderrTail}
	tf, dir, err := t.prepare(ctx, j)
	if err != nil {
		return err
	}
	path := filepath.Join(dir, planFile)
	if err := os.WriteFile(path, file, 0o600); err != nil {
		return fmt.Errorf("write plan file: %w", err)
	}
	onDisk, err := os.ReadFile(path)
	if err != nil || !bytes.Equal(onDisk, file) || SHA256Hex(onDisk) != wantSHA256 {
		return ErrPlanHash
	}
	if j.Events != nil {
		err = tf.ApplyJSON(ctx, j.Events, tfexec.DirOrPlan(planFile))
	} else {
		err = tf.Apply(ctx, tfexec.DirOrPlan(planFile))
	}
	if err != nil {
		return fmt.Errorf("terraform apply: %w", j.stderr.explain(ctx, err))
	}
	return nil
}

// SHA256Hex is the hex SHA-256 of b, as plan files are identified.
func SHA256Hex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}
