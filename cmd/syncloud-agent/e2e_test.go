package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/google/go-cmp/cmp"

	"github.com/syncloud/syncloud/internal/agent"
)

const (
	e2ePrompt    = "a VPC 10.20.0.0/16 with two private subnets, a DynamoDB table called orders keyed by a string id, and a versioned S3 bucket for logs"
	e2eWorkspace = "e2e"
)

// agentEnv is an agent installation for a test: its config file, work
// directory, Terraform and provider mirror, run in-process through run().
type agentEnv struct {
	t      *testing.T
	config string
	vars   map[string]string
}

func newAgentEnv(t *testing.T) *agentEnv {
	tf := binary(t, envTF, "/usr/local/bin/terraform", "terraform")
	// The machine's own AWS credentials, as the usual chain finds them:
	// Terraform inherits them from the agent's environment.
	t.Setenv("AWS_ACCESS_KEY_ID", "test")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "test")
	t.Setenv("AWS_REGION", "us-east-1")
	dir := t.TempDir()
	return &agentEnv{t: t, config: filepath.Join(dir, "config", "agent.json"), vars: map[string]string{
		"SYNCLOUD_TERRAFORM": tf, "SYNCLOUD_TF_PLUGIN_MIRROR": tfMirror(), "SYNCLOUD_AGENT_WORK_DIR": filepath.Join(dir, "work"),
		"SYNCLOUD_AGENT_CONFIG": filepath.Join(dir, "config", "agent.json")}}
}

// run runs one agent command and returns its exit code and output.
func (a *agentEnv) run(ctx context.Context, args ...string) (int, string) {
	var out, errOut bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errOut, getenv: func(k string) string { return a.vars[k] }}
	code := run(ctx, args, e)
	if code != exitOK {
		a.t.Logf("syncloud-agent %s: exit %d\nstdout:\n%s\nstderr:\n%s", args[0], code, out.String(), errOut.String())
	}
	return code, out.String()
}

// must runs a command that has to succeed.
func (a *agentEnv) must(args ...string) string {
	a.t.Helper()
	code, out := a.run(context.Background(), args...)
	if code != exitOK {
		a.t.Fatalf("syncloud-agent %v: exit %d", args, code)
	}
	return out
}

// records splits --json output into its typed records.
func records(t *testing.T, out string) map[string][]map[string]any {
	t.Helper()
	recs := map[string][]map[string]any{}
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("output line %q is not JSON: %v", line, err)
		}
		typ, _ := m["type"].(string)
		recs[typ] = append(recs[typ], m)
	}
	return recs
}

// planSummary is the summary of the only plan record.
func planSummary(t *testing.T, recs map[string][]map[string]any) agent.Summary {
	t.Helper()
	if len(recs["plan"]) != 1 {
		t.Fatalf("%d plan records, want 1", len(recs["plan"]))
	}
	b, _ := json.Marshal(recs["plan"][0]["summary"])
	var s agent.Summary
	json.Unmarshal(b, &s)
	return s
}

// loginAndWorkspace logs the agent in and creates the agent-mode
// workspace against the emulator.
func loginAndWorkspace(t *testing.T, a *agentEnv, p *platform, endpoint string) {
	t.Helper()
	a.must("login", "--server", p.URL, "--api-key", p.Key, "--name", "e2e-laptop")
	st, err := os.Stat(a.config)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("config mode %v, want 0600", st.Mode().Perm())
	}
	first, _ := agent.LoadConfig(a.config)
	a.must("login", "--server", p.URL, "--api-key", p.Key)
	again, _ := agent.LoadConfig(a.config)
	if first.AgentID == 0 || again.AgentID != first.AgentID {
		t.Errorf("agent ID %d after a second login, want the registered %d kept", again.AgentID, first.AgentID)
	}
	a.must("workspace", "create", e2eWorkspace, "--aws-endpoint", endpoint, "--mode", "agent", "--region", "us-east-1")
}

// TestAgentAskApplyDestroy is the Local Agent's interactive flow against
// the kumo emulator with real Terraform: login, workspace, ask with
// --auto-approve (plan and apply on this machine, state on the platform),
// the resources checked with the AWS SDK, then destroy (human output) and
// check they are gone.
func TestAgentAskApplyDestroy(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end test")
	}
	a := newAgentEnv(t)
	endpoint := startKumo(t)
	p := startPlatform(t)
	loginAndWorkspace(t, a, p, endpoint)

	recs := records(t, a.must("ask", "--workspace", e2eWorkspace, "--auto-approve", "--json", "--", e2ePrompt))
	if s := planSummary(t, recs); s.Add < 5 || s.Change != 0 || s.Destroy != 0 {
		t.Errorf("first plan %+v, want only additions (VPC, 2 subnets, table, bucket and its settings)", s)
	}
	checkApplied(t, recs)
	aws := newAWSClients(endpoint)
	got := aws.inventory(t)
	if diff := cmp.Diff(inventory{VPCs: 1, Tables: []string{"orders"}, Versioned: 1, Tagged: 1}, got); diff != "" {
		t.Fatalf("emulator after the first apply (-want +got):\n%s", diff)
	}

	a.must("destroy", "--workspace", e2eWorkspace, "--auto-approve")
	if diff := cmp.Diff(inventory{}, aws.inventory(t)); diff != "" {
		t.Errorf("emulator after destroy (-want +got):\n%s", diff)
	}
	out := a.must("runs", "--workspace", e2eWorkspace, "--json")
	if n := strings.Count(out, `"status":"applied"`); n != 2 {
		t.Errorf("runs shows %d applied runs, want 2:\n%s", n, out)
	}
}

// checkApplied checks the live progress and the final record of an apply.
func checkApplied(t *testing.T, recs map[string][]map[string]any) {
	t.Helper()
	done := 0
	for _, p := range recs["progress"] {
		if p["event"] == "apply_complete" {
			done++
		}
	}
	if done == 0 {
		t.Errorf("no apply_complete progress records")
	}
	last := recs["run"][len(recs["run"])-1]["run"].(map[string]any)
	if last["status"] != "applied" {
		t.Errorf("final run %v, want applied", last)
	}
}

// TestAgentServe drives an agent-mode run through `syncloud-agent serve`:
// the platform queues it, the daemon plans, the user approves on the
// platform, the daemon applies. SIGTERM (context cancellation) ends the
// daemon with exit 0, and the CLI destroys what it built.
func TestAgentServe(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end test")
	}
	a := newAgentEnv(t)
	endpoint := startKumo(t)
	p := startPlatform(t)
	loginAndWorkspace(t, a, p, endpoint)
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	var code int
	wg.Add(1)
	var serveOut, serveErr syncBuffer
	go func() {
		defer wg.Done()
		code = run(ctx, []string{"serve", "--verbose"}, &env{stdin: strings.NewReader(""), stdout: &serveOut, stderr: &serveErr,
			getenv: func(k string) string { return a.vars[k] }})
	}()
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("serve stdout:\n%s\nserve stderr:\n%s", serveOut.String(), serveErr.String())
		}
	})

	c := &agent.Client{Server: p.URL, APIKey: p.Key, Version: "test"}
	ws, err := c.WorkspaceByName(ctx, e2eWorkspace)
	if err != nil {
		t.Fatal(err)
	}
	asked, err := c.Ask(ctx, ws.ID, e2ePrompt)
	if err != nil {
		t.Fatal(err)
	}
	approveAndWait(t, c, asked.Run.ID)
	aws := newAWSClients(endpoint)
	if diff := cmp.Diff(inventory{VPCs: 1, Tables: []string{"orders"}, Versioned: 1, Tagged: 1}, aws.inventory(t)); diff != "" {
		t.Errorf("emulator after the served apply (-want +got):\n%s", diff)
	}
	cancel()
	wg.Wait()
	if code != exitOK {
		t.Errorf("serve exited %d after SIGTERM, want 0", code)
	}
	a.must("destroy", "--workspace", e2eWorkspace, "--auto-approve")
	if diff := cmp.Diff(inventory{}, aws.inventory(t)); diff != "" {
		t.Errorf("emulator after destroy (-want +got):\n%s", diff)
	}
}

// approveAndWait waits for the daemon to plan the run, approves it, and
// waits for the daemon to apply it.
func approveAndWait(t *testing.T, c *agent.Client, runID int64) {
	t.Helper()
	waitStatus(t, c, runID, "planned")
	if _, err := c.Transition(context.Background(), runID, "approve"); err != nil {
		t.Fatal(err)
	}
	waitStatus(t, c, runID, "applied")
}

func waitStatus(t *testing.T, c *agent.Client, runID int64, want string) {
	t.Helper()
	for deadline := time.Now().Add(3 * time.Minute); time.Now().Before(deadline); time.Sleep(250 * time.Millisecond) {
		r, err := c.Run(context.Background(), runID)
		if err != nil {
			t.Fatal(err)
		}
		if r.Status == want {
			return
		}
		if r.Final() {
			t.Fatalf("run %d is %s, want %s: %s", runID, r.Status, want, r.Error)
		}
	}
	t.Fatalf("run %d did not become %s", runID, want)
}

// awsClients are SDK clients of the emulator: the test's own view of what
// exists, independent of SynCloud's state.
type awsClients struct {
	ec2 *ec2.Client
	ddb *dynamodb.Client
	s3  *s3.Client
}

func newAWSClients(endpoint string) awsClients {
	cfg := aws.Config{Region: "us-east-1", Credentials: credentials.NewStaticCredentialsProvider("test", "test", ""),
		BaseEndpoint: aws.String(endpoint)}
	return awsClients{ec2: ec2.NewFromConfig(cfg), ddb: dynamodb.NewFromConfig(cfg),
		s3: s3.NewFromConfig(cfg, func(o *s3.Options) { o.UsePathStyle = true })}
}

// inventory is what of the e2e prompt exists in the emulator.
type inventory struct {
	VPCs      int      // VPCs with 10.20.0.0/16
	Tagged    int      // of those, carrying the default tag managed-by=syncloud
	Tables    []string // DynamoDB tables
	Versioned int      // S3 buckets with versioning enabled
}

func (c awsClients) inventory(t *testing.T) inventory {
	t.Helper()
	ctx := context.Background()
	var inv inventory
	vpcs, err := c.ec2.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{Filters: []ec2types.Filter{
		{Name: aws.String("cidr"), Values: []string{"10.20.0.0/16"}}}})
	if err != nil {
		t.Fatalf("DescribeVpcs: %v", err)
	}
	inv.VPCs = len(vpcs.Vpcs)
	for _, v := range vpcs.Vpcs {
		for _, tag := range v.Tags {
			if aws.ToString(tag.Key) == "managed-by" && aws.ToString(tag.Value) == "syncloud" {
				inv.Tagged++
			}
		}
	}
	tables, err := c.ddb.ListTables(ctx, &dynamodb.ListTablesInput{})
	if err != nil {
		t.Fatalf("ListTables: %v", err)
	}
	if len(tables.TableNames) > 0 {
		inv.Tables = tables.TableNames
	}
	buckets, err := c.s3.ListBuckets(ctx, &s3.ListBucketsInput{})
	if err != nil {
		t.Fatalf("ListBuckets: %v", err)
	}
	for _, b := range buckets.Buckets {
		v, err := c.s3.GetBucketVersioning(ctx, &s3.GetBucketVersioningInput{Bucket: b.Name})
		if err == nil && v.Status == "Enabled" {
			inv.Versioned++
		}
	}
	return inv
}

// syncBuffer is a bytes.Buffer that the daemon's goroutine writes while
// the test reads.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
