package web

import (
	"context"
	"encoding/json"
	"slices"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/ec2"

	"github.com/syncloud/syncloud/internal/kumotest"
	"github.com/syncloud/syncloud/internal/spec"
	"github.com/syncloud/syncloud/internal/tftest"
)

// The helpers below keep the older emulator tests of this package
// (runs_faults_test.go) working on top of kumotest and tftest; new tests
// use those packages directly (TestRunsAgainstEmulator).

const envTF = tftest.EnvTerraform

// binary finds an executable from env, a default path, or $PATH, and skips
// the test loudly when it is missing.
func binary(t *testing.T, env, fallback, name string) string {
	return tftest.Executable(t, env, fallback, name)
}

// startKumo starts the AWS emulator and returns its URL.
func startKumo(t *testing.T) string { return kumotest.Start(t).URL }

func tfMirror() string { return tftest.Mirror() }

// awsClients are SDK clients of the emulator.
type awsClients struct {
	kumo *kumotest.Emulator
	ec2  *ec2.Client
}

func newAWSClients(endpoint string) awsClients {
	k := &kumotest.Emulator{URL: endpoint}
	return awsClients{kumo: k, ec2: k.Clients().EC2}
}

// inventory reports what of the first e2e prompt exists in the emulator:
// VPCs 10.20.0.0/16, the table orders, and one entry per bucket with
// versioning enabled.
func (c awsClients) inventory(t *testing.T) (vpcs int, table bool, versioned []string) {
	t.Helper()
	inv := c.kumo.Inventory(t)
	for _, v := range inv.VPCs {
		if v == "10.20.0.0/16" {
			vpcs++
		}
	}
	for _, v := range inv.Versioning {
		if v == "Enabled" {
			versioned = append(versioned, v)
		}
	}
	return vpcs, slices.Contains(inv.Tables, "orders"), versioned
}

// dropEmulatorGaps takes kumotest.Gaps out of a workspace's spec and its
// queued run's snapshot, for tests that generate with the plain rules
// engine (kumotest.Engine does it before the spec is stored).
func dropEmulatorGaps(t *testing.T, p *platform, orgID, wsID, runID int64) {
	t.Helper()
	ctx := context.Background()
	ws, err := p.db.Workspace(ctx, orgID, wsID)
	if err != nil {
		t.Fatal(err)
	}
	var st spec.Stack
	if err := json.Unmarshal([]byte(ws.Spec), &st); err != nil {
		t.Fatal(err)
	}
	kumotest.WithoutGaps(&st)
	b, err := json.Marshal(&st)
	if err != nil {
		t.Fatal(err)
	}
	if err := p.db.SetWorkspaceSpec(ctx, orgID, wsID, string(b), time.Now()); err != nil {
		t.Fatal(err)
	}
	if _, err := p.db.Raw().ExecContext(ctx, `UPDATE runs SET spec = $1 WHERE id = $2 AND org_id = $3`, string(b), runID, orgID); err != nil {
		t.Fatal(err)
	}
}
