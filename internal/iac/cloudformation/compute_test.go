package cloudformation

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/syncloud/syncloud/internal/spec"
)

// TestSpotInstance checks that Spot capacity and IMDS settings, which
// AWS::EC2::Instance cannot hold, reach the instance's launch template.
func TestSpotInstance(t *testing.T) {
	st := &spec.Stack{Region: "us-east-1", Resources: []spec.Resource{res("aws_instance", "batch",
		attr("ami", s("ami-123")), attr("instance_type", s("c5.large")),
		blk("metadata_options", attr("http_tokens", s("required"))),
		blk("instance_market_options", attr("market_type", s("spot"))))}}
	out, tpl := renderTemplate(t, st)
	lt, ok := tpl.Resources["BatchInstanceLaunchTemplate"]
	if !ok {
		t.Fatalf("no launch template in %s", out)
	}
	want := map[string]any{"MetadataOptions": map[string]any{"HttpTokens": "required"},
		"InstanceMarketOptions": map[string]any{"MarketType": "spot"}}
	if diff := cmp.Diff(want, lt.Properties["LaunchTemplateData"]); diff != "" {
		t.Errorf("LaunchTemplateData (-want +got):\n%s", diff)
	}
}

// TestFargateSpot checks a service on Fargate Spot and its cluster's
// capacity providers.
func TestFargateSpot(t *testing.T) {
	st := &spec.Stack{Region: "us-east-1", Resources: []spec.Resource{
		res("aws_ecs_cluster", "c", attr("name", s("c"))),
		res("aws_ecs_cluster_capacity_providers", "c", attr("cluster_name", refTo("aws_ecs_cluster", "c", "name")),
			attr("capacity_providers", spec.Strings("FARGATE", "FARGATE_SPOT")))}}
	out, tpl := renderTemplate(t, st)
	found := false
	for _, r := range tpl.Resources {
		if r.Type == "AWS::ECS::ClusterCapacityProviderAssociations" {
			found = true
			if diff := cmp.Diff([]any{"FARGATE", "FARGATE_SPOT"}, r.Properties["CapacityProviders"]); diff != "" {
				t.Errorf("CapacityProviders (-want +got):\n%s", diff)
			}
		}
	}
	if !found {
		t.Errorf("no capacity provider association in %s", out)
	}
}

// decodedTemplate is a rendered template's resources, decoded.
type decodedTemplate struct {
	Resources map[string]struct {
		Type       string
		Properties map[string]any
	}
}

// renderTemplate renders st and decodes the template.
func renderTemplate(t *testing.T, st *spec.Stack) ([]byte, decodedTemplate) {
	t.Helper()
	out, err := Render(st)
	if err != nil {
		t.Fatalf("Render: %v", err)
	}
	var tpl decodedTemplate
	if err := json.Unmarshal(out, &tpl); err != nil {
		t.Fatal(err)
	}
	return out, tpl
}
