package policy

import (
	"github.com/syncloud/syncloud/internal/spec"
)

// dynamoTable advises point-in-time recovery (CKV_AWS_28) without forcing
// it: it costs money and a table may be a cache.
func dynamoTable(c *check, r *spec.Resource) {
	pitr := r.Body.Block("point_in_time_recovery")
	if pitr == nil {
		c.advise("CKV_AWS_28", Low, "point_in_time_recovery", "point-in-time recovery is off; backups stop at the last snapshot")
		return
	}
	if v, ok := pitr.Get("enabled"); ok {
		if on, lit := boolOf(v); lit && !on {
			c.requested("CKV_AWS_28", Low, "point_in_time_recovery.enabled", "point-in-time recovery was explicitly turned off and stays off")
		}
		return
	}
	c.advise("CKV_AWS_28", Low, "point_in_time_recovery.enabled", "point-in-time recovery is off; backups stop at the last snapshot")
}

// ecrRepository scans images on push (CKV_AWS_163).
func ecrRepository(c *check, r *spec.Resource) {
	scan := r.Body.EnsureBlock("image_scanning_configuration")
	c.enforce(scan, setting{id: "CKV_AWS_163", sev: Medium, attr: "scan_on_push",
		path: "image_scanning_configuration.scan_on_push", want: spec.Bool(true), safe: notFalse,
		reason: "image scanning on push"})
}

// lambdaFunction changes nothing; it advises X-Ray tracing (CKV_AWS_50),
// which costs money.
func lambdaFunction(c *check, r *spec.Resource) {
	if tc := r.Body.Block("tracing_config"); tc != nil && stringAttr(tc, "mode") == "Active" {
		return
	}
	c.advise("CKV_AWS_50", Low, "tracing_config.mode", "X-Ray tracing is not active")
}

// elasticacheReplicationGroup encrypts data at rest (CKV_AWS_29) and in
// transit (CKV_AWS_30).
func elasticacheReplicationGroup(c *check, r *spec.Resource) {
	c.enforce(&r.Body, setting{id: "CKV_AWS_29", sev: High, attr: "at_rest_encryption_enabled",
		want: spec.Bool(true), safe: notFalse, reason: "encryption at rest"})
	c.enforce(&r.Body, setting{id: "CKV_AWS_30", sev: High, attr: "transit_encryption_enabled",
		want: spec.Bool(true), safe: notFalse, reason: "encryption in transit"})
}

// eksCluster advises against a public API endpoint (CKV_AWS_39), which is
// the AWS default and often what a person expects to reach with kubectl.
func eksCluster(c *check, r *spec.Resource) {
	vc := r.Body.Block("vpc_config")
	if vc == nil {
		return
	}
	v, ok := vc.Get("endpoint_public_access")
	if !ok {
		c.advise("CKV_AWS_39", Low, "vpc_config.endpoint_public_access", "the cluster API endpoint is public (the AWS default)")
		return
	}
	if on, lit := boolOf(v); lit && on {
		c.requested("CKV_AWS_39", Low, "vpc_config.endpoint_public_access", "a public cluster API endpoint was explicitly requested and is kept")
	}
}

// cloudfrontDistribution reports cache behaviours that serve plain HTTP
// (CKV_AWS_34).
func cloudfrontDistribution(c *check, r *spec.Resource) {
	for _, typ := range []string{"default_cache_behavior", "ordered_cache_behavior"} {
		for _, b := range r.Body.BlocksOf(typ) {
			if stringAttr(b, "viewer_protocol_policy") == "allow-all" {
				c.requested("CKV_AWS_34", Medium, typ+".viewer_protocol_policy",
					"viewer_protocol_policy = \"allow-all\" was explicitly requested and is kept; viewers may use plain HTTP")
			}
		}
	}
}
