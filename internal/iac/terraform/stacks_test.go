package terraform

import "github.com/syncloud/syncloud/internal/spec"

// Representative stacks for the golden files and the terraform validate run.

var (
	vpc    = spec.Address{Type: "aws_vpc", Name: "main"}
	subnet = spec.Address{Type: "aws_subnet", Name: "a"}
	sg     = spec.Address{Type: "aws_security_group", Name: "web"}
	ubuntu = spec.Address{Mode: spec.Data, Type: "aws_ami", Name: "ubuntu"}
	dlq    = spec.Address{Type: "aws_sqs_queue", Name: "dlq"}
)

func attrs(kv ...any) []spec.Attr {
	var out []spec.Attr
	for i := 0; i < len(kv); i += 2 {
		out = append(out, spec.Attr{Name: kv[i].(string), Value: kv[i+1].(spec.Value)})
	}
	return out
}

func blk(typ string, kv ...any) spec.Block {
	return spec.Block{Type: typ, Body: spec.Body{Attrs: attrs(kv...)}}
}

// webStack is EC2 behind an ALB: an AMI data source, a security group with
// inline ingress, counted subnets and instances, references of every shape,
// tags that look like templates, an aliased provider and a JSON policy.
func webStack() *spec.Stack {
	return &spec.Stack{
		Region:  "eu-west-1",
		Tags:    map[string]string{"Project": "demo", "Note": `${file("x")} and %{if true}y%{endif}`},
		Aliases: []spec.Alias{{Name: "us_west_2", Region: "us-west-2"}},
		Resources: []spec.Resource{
			{Mode: spec.Data, Type: "aws_ami", Name: "ubuntu", Body: spec.Body{
				Attrs: attrs("most_recent", spec.Bool(true), "owners", spec.Strings("099720109477")),
				Blocks: []spec.Block{
					blk("filter", "name", spec.String("name"), "values", spec.Strings("ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-*")),
					blk("filter", "name", spec.String("virtualization-type"), "values", spec.Strings("hvm")),
				}}},
			{Type: "aws_vpc", Name: "main", Body: spec.Body{Attrs: attrs("cidr_block", spec.String("10.0.0.0/16"),
				"enable_dns_hostnames", spec.Bool(true), "tags", spec.StringMap(map[string]string{"Name": "main"}))}},
			{Type: "aws_subnet", Name: "a", Count: 2, Body: spec.Body{Attrs: attrs("vpc_id", spec.RefTo(vpc, "id"),
				"cidr_block", spec.String("10.0.1.0/24"))}},
			{Type: "aws_security_group", Name: "web", Body: spec.Body{
				Attrs: attrs("name", spec.String("web"), "description", spec.String("HTTPS in, all out"), "vpc_id", spec.RefTo(vpc, "id")),
				Blocks: []spec.Block{
					blk("ingress", "description", spec.String("HTTPS"), "from_port", spec.Int(443), "to_port", spec.Int(443),
						"protocol", spec.String("tcp"), "cidr_blocks", spec.Strings("0.0.0.0/0")),
					blk("ingress", "from_port", spec.Int(80), "to_port", spec.Int(80), "protocol", spec.String("tcp"),
						"cidr_blocks", spec.Strings("10.0.0.0/16")),
					blk("egress", "from_port", spec.Int(0), "to_port", spec.Int(0), "protocol", spec.String("-1"),
						"cidr_blocks", spec.Strings("0.0.0.0/0")),
				}}},
			{Type: "aws_instance", Name: "web", Count: 3, Body: spec.Body{
				Attrs: attrs("ami", spec.RefTo(ubuntu, "id"), "instance_type", spec.String("t3.micro"),
					"subnet_id", spec.RefIndex(subnet, 0, "id"), "vpc_security_group_ids", spec.List(spec.RefTo(sg, "id")),
					"user_data", spec.String("#!/bin/sh\necho \"${HOME}\" 100%{x}\n"),
					"tags", spec.StringMap(map[string]string{"Name": "web", "has space": "yes"})),
				Blocks: []spec.Block{blk("root_block_device", "volume_size", spec.Int(20), "encrypted", spec.Bool(true)),
					blk("timeouts", "create", spec.String("15m"))}}},
			{Type: "aws_lb", Name: "web", Body: spec.Body{Attrs: attrs("load_balancer_type", spec.String("application"),
				"subnets", spec.RefSplat(subnet, "id"), "security_groups", spec.List(spec.RefTo(sg, "id")))}},
			{Type: "aws_sqs_queue", Name: "dlq", Body: spec.Body{Attrs: attrs("name", spec.String("jobs-dlq"))}},
			{Type: "aws_sqs_queue", Name: "jobs", Body: spec.Body{Attrs: attrs("name", spec.String("jobs"),
				"redrive_policy", spec.JSON(spec.Map(map[string]spec.Value{
					"deadLetterTargetArn": spec.RefTo(dlq, "arn"), "maxReceiveCount": spec.Int(5),
					"note": spec.String(`${not.a.ref}`)})))}},
			{Type: "aws_s3_bucket", Name: "replica", Provider: "us_west_2",
				Body:      spec.Body{Attrs: attrs("bucket_prefix", spec.String("replica-"))},
				DependsOn: []spec.Address{{Type: "aws_s3_bucket", Name: "logs"}}},
			{Type: "aws_s3_bucket", Name: "logs", Body: spec.Body{Attrs: attrs("force_destroy", spec.Bool(false))}},
		},
	}
}

// networkStack is a VPC with an internet gateway and a route table whose
// routes are written as blocks, rendered with every platform option.
func networkStack() *spec.Stack {
	igw := spec.Address{Type: "aws_internet_gateway", Name: "gw"}
	return &spec.Stack{
		Region: "us-east-1",
		Resources: []spec.Resource{
			{Type: "aws_vpc", Name: "main", Body: spec.Body{Attrs: attrs("cidr_block", spec.String("10.1.0.0/16"))}},
			{Type: "aws_internet_gateway", Name: "gw", Body: spec.Body{Attrs: attrs("vpc_id", spec.RefTo(vpc, "id"))}},
			{Type: "aws_route_table", Name: "public", Body: spec.Body{
				Attrs: attrs("vpc_id", spec.RefTo(vpc, "id")),
				Blocks: []spec.Block{
					blk("route", "cidr_block", spec.String("0.0.0.0/0"), "gateway_id", spec.RefTo(igw, "id")),
					blk("route", "ipv6_cidr_block", spec.String("::/0"), "gateway_id", spec.RefTo(igw, "id")),
				}},
				DependsOn: []spec.Address{igw}},
		},
	}
}

func networkOptions() Options {
	return Options{
		ProviderVersion: "~> 5.100",
		AssumeRole:      &AssumeRole{RoleARN: "arn:aws:iam::123456789012:role/syncloud", ExternalID: "ext-${id}", SessionName: "syncloud"},
		Endpoint:        &Endpoint{URL: "http://127.0.0.1:4566", Services: []string{"ec2", "s3", "sts"}},
		ExtraTags:       map[string]string{"ManagedBy": "syncloud"},
		CreationTags:    map[string]string{"syncloud:run": "7"},
		Backend: &HTTPBackend{Address: "https://syncloud.example/api/v1/state/ws-1",
			LockAddress: "https://syncloud.example/api/v1/state/ws-1/lock", UnlockAddress: "https://syncloud.example/api/v1/state/ws-1/lock",
			Username: "agent"},
	}
}

// minimalStack is one bucket and nothing else.
func minimalStack() *spec.Stack {
	return &spec.Stack{Region: "us-east-1", Resources: []spec.Resource{{Type: "aws_s3_bucket", Name: "data"}}}
}

type goldenCase struct {
	name  string
	stack *spec.Stack
	opts  Options
}

func goldenCases() []goldenCase {
	return []goldenCase{
		{"web", webStack(), Options{}},
		{"network", networkStack(), networkOptions()},
		{"minimal", minimalStack(), Options{}},
	}
}
