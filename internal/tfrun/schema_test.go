package tfrun

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/hashicorp/terraform-exec/tfexec"
)

// TestReadReattach reads what a provider in debug mode prints (here as
// terraform-provider-aws 5.100 prints it).
func TestReadReattach(t *testing.T) {
	out := `Starting github.com/hashicorp/terraform-provider-aws@5.100.0 (go1.23.10)...
{"@level":"debug","@message":"plugin address","address":"/tmp/plugin2620656275","network":"unix"}
Provider started. To attach Terraform CLI, set the TF_REATTACH_PROVIDERS environment variable with the following:

	TF_REATTACH_PROVIDERS='{"registry.terraform.io/hashicorp/aws":{"Protocol":"grpc","ProtocolVersion":5,"Pid":2741,"Test":true,"Addr":{"Network":"unix","String":"/tmp/plugin2620656275"}}}'
`
	got, err := readReattach(strings.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	want := tfexec.ReattachInfo{"registry.terraform.io/hashicorp/aws": {Protocol: "grpc", ProtocolVersion: 5, Pid: 2741,
		Test: true, Addr: tfexec.ReattachConfigAddr{Network: "unix", String: "/tmp/plugin2620656275"}}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("reattach info (-want +got):\n%s", diff)
	}
	for _, bad := range []string{"Provider started.\n", "TF_REATTACH_PROVIDERS='{}'\n", "TF_REATTACH_PROVIDERS='not json'\n"} {
		if _, err := readReattach(strings.NewReader(bad)); err == nil {
			t.Errorf("readReattach(%q) succeeded", bad)
		}
	}
}
