package policy

import (
	"testing"

	"github.com/syncloud/syncloud/internal/spec"
)

func TestEC2(t *testing.T) {
	ami := attr("ami", spec.String("ami-0abc"))
	imds := func(tokens string) spec.Block {
		return blk("metadata_options", attr("http_endpoint", spec.String("enabled")), attr("http_tokens", spec.String(tokens)))
	}
	root := func(enc bool) spec.Block { return blk("root_block_device", attr("encrypted", spec.Bool(enc))) }
	const web = "aws_instance.web"
	runHarden(t, []hardenCase{{
		name: "instance gets IMDSv2 and an encrypted root volume",
		in:   []spec.Resource{counted(res("aws_instance", "web", ami), 3)},
		want: []spec.Resource{counted(res("aws_instance", "web", ami, imds("required"), root(true)), 3)},
		findings: Findings{
			fixed("CKV_AWS_79", High, web, "metadata_options.http_tokens"),
			fixed("CKV_AWS_8", High, web, "root_block_device.encrypted"),
		},
	}, {
		name: "explicit optional tokens, unencrypted root and public IP are kept",
		in: []spec.Resource{res("aws_instance", "web", ami, attr("associate_public_ip_address", spec.Bool(true)),
			blk("metadata_options", attr("http_tokens", spec.String("optional"))),
			blk("root_block_device", attr("volume_size", spec.Int(30)), attr("encrypted", spec.Bool(false))))},
		want: []spec.Resource{res("aws_instance", "web", ami, attr("associate_public_ip_address", spec.Bool(true)),
			blk("metadata_options", attr("http_tokens", spec.String("optional")), attr("http_endpoint", spec.String("enabled"))),
			blk("root_block_device", attr("volume_size", spec.Int(30)), attr("encrypted", spec.Bool(false))))},
		findings: Findings{
			requested("CKV_AWS_79", High, web, "metadata_options.http_tokens"),
			requested("CKV_AWS_8", High, web, "root_block_device.encrypted"),
			requested("CKV_AWS_88", Medium, web, "associate_public_ip_address"),
		},
	}, {
		name: "extra EBS block devices are encrypted too, disabled IMDS is kept",
		in: []spec.Resource{res("aws_instance", "db", ami,
			blk("metadata_options", attr("http_endpoint", spec.String("disabled"))),
			blk("ebs_block_device", attr("device_name", spec.String("/dev/sdf")), attr("volume_size", spec.Int(100))))},
		want: []spec.Resource{res("aws_instance", "db", ami,
			blk("metadata_options", attr("http_endpoint", spec.String("disabled")), attr("http_tokens", spec.String("required"))),
			blk("ebs_block_device", attr("device_name", spec.String("/dev/sdf")), attr("volume_size", spec.Int(100)),
				attr("encrypted", spec.Bool(true))),
			root(true))},
		findings: Findings{
			fixed("CKV_AWS_79", High, "aws_instance.db", "metadata_options.http_tokens"),
			fixed("CKV_AWS_8", High, "aws_instance.db", "root_block_device.encrypted"),
			fixed("CKV_AWS_8", High, "aws_instance.db", "ebs_block_device.encrypted"),
		},
	}, {
		name: "launch template: IMDSv2, string-typed EBS encryption, no device invented",
		in: []spec.Resource{
			res("aws_launch_template", "app", attr("image_id", spec.String("ami-0abc")),
				blk("block_device_mappings", attr("device_name", spec.String("/dev/xvda")),
					blk("ebs", attr("volume_size", spec.Int(20)))),
				blk("network_interfaces", attr("associate_public_ip_address", spec.String("true")))),
			res("aws_launch_template", "bare"),
		},
		want: []spec.Resource{
			res("aws_launch_template", "app", attr("image_id", spec.String("ami-0abc")),
				blk("block_device_mappings", attr("device_name", spec.String("/dev/xvda")),
					blk("ebs", attr("volume_size", spec.Int(20)), attr("encrypted", spec.String("true")))),
				blk("network_interfaces", attr("associate_public_ip_address", spec.String("true"))),
				imds("required")),
			res("aws_launch_template", "bare", imds("required")),
		},
		findings: Findings{
			fixed("CKV_AWS_79", High, "aws_launch_template.app", "metadata_options.http_tokens"),
			fixed("CKV_AWS_8", High, "aws_launch_template.app", "block_device_mappings.ebs.encrypted"),
			requested("CKV_AWS_88", Medium, "aws_launch_template.app", "network_interfaces.associate_public_ip_address"),
			fixed("CKV_AWS_79", High, "aws_launch_template.bare", "metadata_options.http_tokens"),
		},
	}, {
		name: "EBS volume encrypted by default, explicit false kept",
		in: []spec.Resource{
			res("aws_ebs_volume", "a", attr("availability_zone", spec.String("us-east-1a"))),
			res("aws_ebs_volume", "b", attr("availability_zone", spec.String("us-east-1a")), attr("encrypted", spec.Bool(false))),
		},
		want: []spec.Resource{
			res("aws_ebs_volume", "a", attr("availability_zone", spec.String("us-east-1a")), attr("encrypted", spec.Bool(true))),
			res("aws_ebs_volume", "b", attr("availability_zone", spec.String("us-east-1a")), attr("encrypted", spec.Bool(false))),
		},
		findings: Findings{
			fixed("CKV_AWS_3", High, "aws_ebs_volume.a", "encrypted"),
			requested("CKV_AWS_3", High, "aws_ebs_volume.b", "encrypted"),
		},
	}})
}
