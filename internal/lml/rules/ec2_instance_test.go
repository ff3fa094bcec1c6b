package rules

import "testing"

func TestInstancePrompts(t *testing.T) {
	ncRun(t, []struct {
		prompt string
		checks []ncCheck
	}{
		{"Please deploy four Ubuntu 22.04 machines of type c5.large in Ireland", []ncCheck{
			{"aws_instance", "instance_type", "c5.large", 4},
			{"data.aws_ami", "filter.values", "~jammy-22.04-amd64", 1},
		}},
		{"a debian bookworm VM with 64 gigs of disk", []ncCheck{
			{"aws_instance", "root_block_device.volume_size", "64", 1},
			{"data.aws_ami", "filter.values", "debian-12-amd64-*", 1},
		}},
		{"Graviton web server m7g.medium running Amazon Linux", []ncCheck{
			{"aws_instance", "instance_type", "m7g.medium", 1},
			{"data.aws_ami", "filter.values", "al2023-ami-2023.*-arm64", 1},
		}},
		{"windows 2019 server on m5.large with 200GB root and RDP from 198.51.100.4", []ncCheck{
			{"aws_instance", "root_block_device.volume_size", "200", 1},
			{"data.aws_ami", "filter.values", "Windows_Server-2019-English-Full-Base-*", 1},
			{"aws_vpc_security_group_ingress_rule", "cidr_ipv4", "198.51.100.4/32", 1},
			{"aws_vpc_security_group_ingress_rule", "from_port", "3389", 1},
		}},
		{"a t3.micro with a static IP", []ncCheck{
			{"aws_instance", "", "", 1},
			{"aws_eip", "instance", "aws_instance.server.id", 1},
		}},
		{"a medium ubuntu server", []ncCheck{{"aws_instance", "instance_type", "t3.medium", 1}}},
		{"m5.large with an extra 500 GB io1 data volume at 4000 IOPS", []ncCheck{
			{"aws_ebs_volume", "iops", "4000", 1},
			{"aws_ebs_volume", "type", "io1", 1},
			{"aws_volume_attachment", "device_name", "/dev/sdf", 1},
			{"aws_instance", "root_block_device.volume_size", "500", 0},
		}},
		{"instance t3.small whose userdata installs docker and git", []ncCheck{
			{"aws_instance", "user_data", "~dnf install -y docker git", 1},
		}},
		{"ec2 box with key pair 'ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7 me@host'", []ncCheck{
			{"aws_key_pair", "public_key", "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7 me@host", 1},
			{"aws_instance", "key_name", "aws_key_pair.main.key_name", 1},
		}},
		{"a couple of t3.large app servers and one t3.micro bastion that only takes ssh from 192.0.2.10", []ncCheck{
			{"aws_instance", "instance_type", "t3.large", 2},
			{"aws_instance", "instance_type", "t3.micro", 1},
			{"aws_vpc_security_group_ingress_rule", "cidr_ipv4", "192.0.2.10/32", 1},
		}},
		{"an m6i.xlarge that can read from S3 and be managed with Session Manager", []ncCheck{
			{"aws_iam_instance_profile", "", "", 1},
			{"aws_iam_role_policy_attachment", "policy_arn", "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess", 1},
			{"aws_iam_role_policy_attachment", "policy_arn", "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore", 1},
		}},
		{"standalone 50 GB sc1 EBS volume in eu-west-1b", []ncCheck{
			{"aws_ebs_volume", "availability_zone", "eu-west-1b", 1},
			{"aws_ebs_volume", "type", "sc1", 1},
			{"aws_instance", "", "", 0},
		}},
		{"Put a t3.large in the private subnet of a new VPC and give it SSM access instead of SSH", []ncCheck{
			{"aws_instance", "subnet_id", "aws_subnet.private_a.id", 1},
			{"aws_iam_role_policy_attachment", "policy_arn", "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore", 1},
			{"aws_vpc_security_group_ingress_rule", "", "", 0},
		}},
		{"two m5.large nodes for Kafka in a VPC", []ncCheck{
			{"aws_instance", "instance_type", "m5.large", 2},
			{"aws_instance", "subnet_id", "aws_subnet.private_b.id", 1},
		}},
		{"We need four Debian 11 hosts (m5.large), each with a 40 GB root disk.", []ncCheck{
			{"aws_instance", "root_block_device.volume_size", "40", 4},
		}},
		{"Host a static website", []ncCheck{{"aws_instance", "", "", 0}}},
		{"new VPC with 3 private subnets and one t3.small instance per subnet", []ncCheck{
			{"aws_instance", "instance_type", "t3.small", 3},
			{"aws_instance", "subnet_id", "aws_subnet.private_c.id", 1},
		}},
		{"spin up an instance with 4 vCPUs, 16 GB of RAM and a 100 GB disk", []ncCheck{
			{"aws_instance", "instance_type", "m6i.xlarge", 1},
			{"aws_instance", "root_block_device.volume_size", "100", 1},
		}},
		{"two new c5.large API servers with detailed monitoring", []ncCheck{
			{"aws_instance", "monitoring", "true", 2},
			{"aws_instance", "tags.Name", "api", 2},
		}},
		{"postgres on a db.t3.micro RDS instance", []ncCheck{{"aws_instance", "", "", 0}}},
		{"IAM role that EC2 can assume", []ncCheck{{"aws_instance", "", "", 0}}},
		{"EKS cluster with a managed node group of 3 m5.large nodes", []ncCheck{{"aws_instance", "", "", 0}}},
		{"a jump host (t3.micro) plus two m5.large workers reachable over SSH from the jump host only", []ncCheck{
			{"aws_instance", "tags.Name", "bastion", 1},
			{"aws_vpc_security_group_ingress_rule", "referenced_security_group_id", "aws_security_group.bastion.id", 1},
		}},
		{"a t3.small app server that only the bastion may SSH to, and a t3.nano bastion", []ncCheck{
			{"aws_vpc_security_group_ingress_rule", "referenced_security_group_id", "aws_security_group.bastion.id", 1},
			{"aws_vpc_security_group_ingress_rule", "from_port", "22", 1},
		}},
		{"three m5.xlarge workers on spot, protected against termination", []ncCheck{
			{"aws_instance", "instance_market_options.market_type", "spot", 3},
			{"aws_instance", "disable_api_termination", "true", 3},
		}},
		{"a t3.large web server and two spot c5.large batch boxes", []ncCheck{
			{"aws_instance", "instance_market_options.market_type", "spot", 2},
			{"aws_instance", "instance_type", "t3.large", 1},
		}},
		{"import my public key ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKeyKeyKeyKeyKey0000 bob@mac as an EC2 key pair named bob-laptop", []ncCheck{
			{"aws_key_pair", "key_name", "bob-laptop", 1},
			{"aws_instance", "", "", 0},
		}},
		{"one m5.large per availability zone across 3 AZs of a new VPC", []ncCheck{
			{"aws_instance", "instance_type", "m5.large", 3},
		}},
		{"a c6i.large in every availability zone of a new vpc spanning two AZs, each in a private subnet", []ncCheck{
			{"aws_instance", "instance_type", "c6i.large", 2},
			{"aws_subnet", "", "", 2},
		}},
		{"m6i.large with a 500 GB st1 disk for logs", []ncCheck{
			{"aws_ebs_volume", "size", "500", 1},
			{"aws_instance", "root_block_device.volume_size", "500", 0},
		}},
		{"c5.large ×3 and a t3.micro, all running Debian 12", []ncCheck{
			{"aws_instance", "instance_type", "c5.large", 3},
			{"data.aws_ami", "filter.values", "debian-12-amd64-*", 1},
			{"data.aws_ami", "filter.values", "al2023-ami-2023.*-x86_64", 0},
		}},
		{"a pair of ubuntu 20 boxes", []ncCheck{
			{"aws_instance", "", "", 2},
			{"data.aws_ami", "filter.values", "~focal-20.04-amd64", 1},
		}},
		{"r6i.large: 80 GB gp3 for the root disk and a second 250 GB st1 disk for logs", []ncCheck{
			{"aws_instance", "root_block_device.volume_size", "80", 1},
			{"aws_ebs_volume", "size", "250", 1},
			{"aws_ebs_volume", "type", "st1", 1},
		}},
		{"an m5.large with a quarter of a terabyte root disk", []ncCheck{
			{"aws_instance", "root_block_device.volume_size", "256", 1},
		}},
		{"c6i.large plus a separate half a TB st1 data volume", []ncCheck{
			{"aws_ebs_volume", "size", "512", 1},
			{"aws_ebs_volume", "type", "st1", 1},
		}},
	})
}

// BenchmarkNetworkComputePrompts drafts the area's longest prompts; the
// engine must stay well under a millisecond per prompt.
func BenchmarkNetworkComputePrompts(b *testing.B) {
	prompts := []string{
		"a classic three-tier web app in us-east-2: VPC with public and private subnets in two AZs, an internet-facing ALB on port 80, an auto scaling group of t3.small app servers (2-6) in the private subnets, and a Multi-AZ postgres 16 db.t3.medium in the private subnets",
		"Bastion-host setup in Sydney: VPC 10.10.0.0/16, one public subnet with a t3.nano bastion (SSH from 203.0.113.7 only), and one private subnet with two t3.medium app servers that accept SSH only from the bastion",
		"VPC 172.16.0.0/16 in Ohio with 3 public and 3 private subnets across three AZs and a NAT gateway in each AZ",
		"ALB that serves HTTPS on 443 with a newly requested ACM certificate for app.example.com (DNS validation) and redirects plain HTTP on port 80 to HTTPS.",
	}
	for i := 0; i < b.N; i++ {
		ncDraftBench(prompts[i%len(prompts)])
	}
}
