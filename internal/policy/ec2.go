package policy

import (
	"github.com/syncloud/syncloud/internal/spec"
)

// imdsV2 requires session tokens for the instance metadata service
// (CKV_AWS_79) in a metadata_options block.
func imdsV2(c *check, b *spec.Body) {
	mo := b.EnsureBlock("metadata_options")
	// http_tokens only takes effect with the endpoint on; "disabled" is safe too.
	mo.SetDefault("http_endpoint", spec.String("enabled"))
	c.enforce(mo, setting{id: "CKV_AWS_79", sev: High, attr: "http_tokens", path: "metadata_options.http_tokens",
		want: spec.String("required"), reason: "IMDSv2 (session tokens required)"})
}

// ec2Instance: IMDSv2 (CKV_AWS_79), an encrypted root volume (CKV_AWS_8),
// and a Medium finding for an explicitly requested public IP (CKV_AWS_88).
func ec2Instance(c *check, r *spec.Resource) {
	imdsV2(c, &r.Body)
	root := r.Body.EnsureBlock("root_block_device")
	c.enforce(root, setting{id: "CKV_AWS_8", sev: High, attr: "encrypted", path: "root_block_device.encrypted",
		want: spec.Bool(true), safe: notFalse, reason: "root volume encryption"})
	for _, eb := range r.Body.BlocksOf("ebs_block_device") {
		c.enforce(eb, setting{id: "CKV_AWS_8", sev: High, attr: "encrypted", path: "ebs_block_device.encrypted",
			want: spec.Bool(true), safe: notFalse, reason: "EBS volume encryption"})
	}
	if v, ok := r.Body.Get("associate_public_ip_address"); ok {
		if b, lit := boolOf(v); lit && b {
			c.requested("CKV_AWS_88", Medium, "associate_public_ip_address",
				"a public IP address was explicitly requested and is kept; the instance is reachable from the internet where its security groups allow")
		}
	}
}

// ec2LaunchTemplate: IMDSv2 (CKV_AWS_79) and encrypted EBS in the block
// device mappings that have an ebs block (CKV_AWS_8); no device is invented,
// since the right root device name depends on the AMI. The provider types
// these flags as strings, so defaults are written as "true".
func ec2LaunchTemplate(c *check, r *spec.Resource) {
	imdsV2(c, &r.Body)
	for _, bdm := range r.Body.BlocksOf("block_device_mappings") {
		if ebs := bdm.Block("ebs"); ebs != nil {
			c.enforce(ebs, setting{id: "CKV_AWS_8", sev: High, attr: "encrypted",
				path: "block_device_mappings.ebs.encrypted", want: spec.String("true"), safe: notFalse,
				reason: "EBS volume encryption"})
		}
	}
	for _, ni := range r.Body.BlocksOf("network_interfaces") {
		if v, ok := ni.Get("associate_public_ip_address"); ok {
			if b, lit := boolOf(v); lit && b {
				c.requested("CKV_AWS_88", Medium, "network_interfaces.associate_public_ip_address",
					"a public IP address was explicitly requested and is kept")
			}
		}
	}
}

// ebsVolume encrypts standalone volumes (CKV_AWS_3).
func ebsVolume(c *check, r *spec.Resource) {
	c.enforce(&r.Body, setting{id: "CKV_AWS_3", sev: High, attr: "encrypted", want: spec.Bool(true),
		safe: notFalse, reason: "EBS volume encryption"})
}
