package cloudformation

import (
	"strings"
	"testing"

	"github.com/syncloud/syncloud/internal/spec"
)

// TestStageThrottling checks a throttled HTTP API stage.
func TestStageThrottling(t *testing.T) {
	st := &spec.Stack{Region: "us-east-1", Resources: []spec.Resource{
		res("aws_apigatewayv2_api", "api", attr("name", s("api")), attr("protocol_type", s("HTTP"))),
		res("aws_apigatewayv2_stage", "prod", attr("api_id", refTo("aws_apigatewayv2_api", "api", "id")),
			attr("name", s("prod")), blk("default_route_settings", attr("throttling_rate_limit", n(100)),
				attr("throttling_burst_limit", n(200))))}}
	out, err := Render(st)
	if err != nil {
		t.Fatalf("Render: %v", err)
	}
	if !strings.Contains(string(out), `"ThrottlingRateLimit": 100`) {
		t.Errorf("no throttling in %s", out)
	}
}
