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
		{"postgres on a db.t3.micro RDS instance", []ncCheck{{"aws_instance", "", "", 0}}},
		{"IAM role that EC2 can assume", []ncCheck{{"aws_instance", "", "", 0}}},
		{"EKS cluster with a managed node group of 3 m5.large nodes", []ncCheck{{"aws_instance", "", "", 0}}},
	})
}
