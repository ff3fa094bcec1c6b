package policy

import (
	"github.com/syncloud/syncloud/internal/spec"
)

// functionURL reports a Lambda function URL anyone may call without
// signing (CKV_AWS_258).
func functionURL(c *check, r *spec.Resource) {
	if stringAttr(&r.Body, "authorization_type") == "NONE" {
		c.requested("CKV_AWS_258", High, "authorization_type",
			"an unauthenticated function URL (authorization_type = \"NONE\") was explicitly requested and is kept")
	}
}

// apiStage advises access logging on API Gateway stages (CKV_AWS_76).
func apiStage(c *check, r *spec.Resource) {
	if r.Body.Block("access_log_settings") == nil {
		c.advise("CKV_AWS_76", Low, "access_log_settings", "the stage writes no access logs")
	}
}

// apiRoute advises an authorizer on HTTP API routes (CKV_AWS_309); a route
// without one is open to anyone who finds the endpoint.
func apiRoute(c *check, r *spec.Resource) {
	if typ := stringAttr(&r.Body, "authorization_type"); typ == "" || typ == "NONE" {
		c.advise("CKV_AWS_309", Low, "authorization_type", "the route has no authorization")
	}
}

// ecsService reports tasks given public IP addresses (CKV_AWS_333).
func ecsService(c *check, r *spec.Resource) {
	for _, nc := range r.Body.BlocksOf("network_configuration") {
		if v, ok := nc.Get("assign_public_ip"); ok {
			if on, lit := boolOf(v); lit && on {
				c.requested("CKV_AWS_333", Medium, "network_configuration.assign_public_ip",
					"public IP addresses for the tasks were explicitly requested and are kept")
			}
		}
	}
}

// accessKey flags long-lived IAM user keys: their secret is stored in the
// Terraform state and never expires. Engines create one only when asked.
func accessKey(c *check, _ *spec.Resource) {
	c.requested("SYNCLOUD_IAM_ACCESS_KEY", Medium, "",
		"a long-lived access key was requested: its secret is kept in the Terraform state; prefer roles or short-lived credentials")
}
