package policy

import (
	"testing"

	"github.com/syncloud/syncloud/internal/spec"
)

func TestStorageAndStreams(t *testing.T) {
	name := attr("name", spec.String("events"))
	shards := attr("shard_count", spec.Int(1))
	runHarden(t, []hardenCase{{
		name: "defaults applied",
		in: []spec.Resource{
			res("aws_efs_file_system", "fs"),
			res("aws_kinesis_stream", "events", name, shards),
			res("aws_kinesis_stream", "cmk", name, shards, attr("encryption_type", spec.String("KMS")),
				attr("kms_key_id", spec.String("alias/mine"))),
		},
		want: []spec.Resource{
			res("aws_efs_file_system", "fs", attr("encrypted", spec.Bool(true))),
			res("aws_kinesis_stream", "events", name, shards, attr("encryption_type", spec.String("KMS")),
				attr("kms_key_id", spec.String("alias/aws/kinesis"))),
			res("aws_kinesis_stream", "cmk", name, shards, attr("encryption_type", spec.String("KMS")),
				attr("kms_key_id", spec.String("alias/mine"))),
		},
		findings: Findings{
			fixed("CKV_AWS_42", High, "aws_efs_file_system.fs", "encrypted"),
			fixed("CKV_AWS_43", Medium, "aws_kinesis_stream.events", "encryption_type"),
		},
	}, {
		name: "explicit off is kept",
		in: []spec.Resource{
			res("aws_efs_file_system", "fs", attr("encrypted", spec.Bool(false))),
			res("aws_kinesis_stream", "events", name, shards, attr("encryption_type", spec.String("NONE"))),
		},
		findings: Findings{
			requested("CKV_AWS_42", High, "aws_efs_file_system.fs", "encrypted"),
			requested("CKV_AWS_43", High, "aws_kinesis_stream.events", "encryption_type"),
		},
	}})
}

func TestLoadBalancers(t *testing.T) {
	lb := spec.RefTo(spec.Address{Type: "aws_lb", Name: "web"}, "arn")
	forward := blk("default_action", attr("type", spec.String("forward")),
		attr("target_group_arn", spec.String("arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/x/1")))
	redirect := blk("default_action", attr("type", spec.String("redirect")),
		blk("redirect", attr("protocol", spec.String("HTTPS")), attr("port", spec.String("443")),
			attr("status_code", spec.String("HTTP_301"))))
	listener := func(name, proto string, action spec.Block) spec.Resource {
		return res("aws_lb_listener", name, attr("load_balancer_arn", lb), attr("port", spec.Int(80)),
			attr("protocol", spec.String(proto)), action)
	}
	runHarden(t, []hardenCase{{
		name: "ALB drops invalid headers; HTTP listener reported, redirect fine",
		in: []spec.Resource{
			res("aws_lb", "web", attr("load_balancer_type", spec.String("application"))),
			res("aws_lb", "net", attr("load_balancer_type", spec.String("network"))),
			listener("http", "HTTP", forward),
			listener("redirect", "HTTP", redirect),
		},
		want: []spec.Resource{
			res("aws_lb", "web", attr("load_balancer_type", spec.String("application")),
				attr("drop_invalid_header_fields", spec.Bool(true))),
			res("aws_lb", "net", attr("load_balancer_type", spec.String("network"))),
			listener("http", "HTTP", forward),
			listener("redirect", "HTTP", redirect),
		},
		findings: Findings{
			fixed("CKV_AWS_131", Medium, "aws_lb.web", "drop_invalid_header_fields"),
			requested("CKV_AWS_2", Medium, "aws_lb_listener.http", "protocol"),
		},
	}})
}
