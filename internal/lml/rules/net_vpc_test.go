package rules

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestVPCPrompts(t *testing.T) {
	ncRun(t, []struct {
		prompt string
		checks []ncCheck
	}{
		{"Give me a virtual private cloud 10.5.0.0/16 over three availability zones with public and private subnets and a NAT gateway per zone", []ncCheck{
			{"aws_vpc", "cidr_block", "10.5.0.0/16", 1},
			{"aws_subnet", "", "", 6},
			{"aws_subnet", "map_public_ip_on_launch", "true", 3},
			{"aws_nat_gateway", "", "", 3},
			{"aws_eip", "", "", 3},
			{"aws_route", "destination_cidr_block", "0.0.0.0/0", 4},
		}},
		{"three private subnets plus three public ones across 3 zones, one NAT", []ncCheck{
			{"aws_subnet", "", "", 6},
			{"aws_subnet", "map_public_ip_on_launch", "true", 3},
			{"aws_nat_gateway", "", "", 1},
		}},
		{"vpc 10.7.0.0/16 with four subnets (2 public + 2 private)", []ncCheck{
			{"aws_subnet", "", "", 4},
			{"aws_subnet", "map_public_ip_on_launch", "true", 2},
		}},
		{"vpc 10.1.0.0/16, three private subnets of /22", []ncCheck{
			{"aws_subnet", "cidr_block", "10.1.128.0/22", 1},
			{"aws_subnet", "cidr_block", "10.1.136.0/22", 1},
		}},
		{"a vpc with 4 subnets - 2 private, 2 public", []ncCheck{
			{"aws_subnet", "", "", 4},
			{"aws_subnet", "map_public_ip_on_launch", "true", 2},
		}},
		{"VPC with 6 subnets, public and private, over three zones", []ncCheck{
			{"aws_subnet", "", "", 6},
			{"aws_subnet", "map_public_ip_on_launch", "true", 3},
		}},
		{"VPC 10.8.0.0/16 joined to a new transit gateway", []ncCheck{
			{"aws_ec2_transit_gateway_vpc_attachment", "", "", 1},
			{"aws_subnet", "", "", 2},
		}},
		{"a vpc with public subnets and private ones", []ncCheck{
			{"aws_subnet", "", "", 4},
			{"aws_subnet", "map_public_ip_on_launch", "true", 2},
		}},
		{"private-only network 172.20.0.0/16 with 2 private subnets, no internet at all", []ncCheck{
			{"aws_vpc", "cidr_block", "172.20.0.0/16", 1},
			{"aws_subnet", "", "", 2},
			{"aws_internet_gateway", "", "", 0},
			{"aws_nat_gateway", "", "", 0},
		}},
		{"vpc 10.2.0.0/16 having subnets 10.2.1.0/24 and 10.2.2.0/24 behind an internet gateway", []ncCheck{
			{"aws_subnet", "cidr_block", "10.2.1.0/24", 1},
			{"aws_subnet", "cidr_block", "10.2.2.0/24", 1},
			{"aws_internet_gateway", "", "", 1},
		}},
		{"Create a VPC and ship its flow logs into CloudWatch, retained for 30 days", []ncCheck{
			{"aws_flow_log", "log_destination_type", "cloud-watch-logs", 1},
			{"aws_cloudwatch_log_group", "retention_in_days", "30", 1},
			{"aws_iam_role", "", "", 1},
			{"aws_iam_role_policy", "", "", 1},
		}},
		{"a vpc with interface endpoints for secretsmanager and kms", []ncCheck{
			{"aws_vpc_endpoint", "vpc_endpoint_type", "Interface", 2},
			{"aws_vpc_endpoint", "service_name", "com.amazonaws.us-east-1.kms", 1},
			{"aws_security_group", "", "", 1},
		}},
		{"vpc, 2 subnets, no NAT", []ncCheck{
			{"aws_subnet", "", "", 2},
			{"aws_nat_gateway", "", "", 0},
		}},
		{"a VPC across 3 AZs with a public and a private subnet in each", []ncCheck{
			{"aws_subnet", "map_public_ip_on_launch", "true", 3},
			{"aws_subnet", "availability_zone", "us-east-1c", 2},
		}},
		{"two VPCs, 10.0.0.0/16 and 10.1.0.0/16, peered together", []ncCheck{
			{"aws_vpc", "", "", 2},
			{"aws_vpc_peering_connection", "auto_accept", "true", 1},
		}},
		{"In the default VPC, a t3.micro", []ncCheck{
			{"aws_vpc", "", "", 0},
			{"aws_instance", "", "", 1},
		}},
	})
}

func TestSubnetCIDRs(t *testing.T) {
	tests := []struct {
		vpc   string
		n     int
		half  int
		given []string
		bits  int
		want  []string
	}{
		{"10.0.0.0/16", 2, 0, nil, 0, []string{"10.0.0.0/24", "10.0.1.0/24"}},
		{"10.0.0.0/16", 2, 1, nil, 0, []string{"10.0.128.0/24", "10.0.129.0/24"}},
		{"192.168.0.0/16", 2, 0, []string{"192.168.1.0/24"}, 0, []string{"192.168.1.0/24", "192.168.0.0/24"}},
		{"10.9.8.0/24", 2, 1, nil, 0, []string{"10.9.8.128/28", "10.9.8.144/28"}},
		{"10.0.0.0/16", 2, 1, nil, 20, []string{"10.0.128.0/20", "10.0.144.0/20"}},
		{"10.0.0.0/16", 3, 0, nil, 17, []string{"10.0.0.0/24", "10.0.1.0/24", "10.0.2.0/24"}}, // three /17s do not fit
	}
	for _, tc := range tests {
		if diff := cmp.Diff(tc.want, subnetCIDRs(tc.vpc, tc.n, tc.half, tc.given, tc.bits)); diff != "" {
			t.Errorf("subnetCIDRs(%s, %d, %d, /%d) (-want +got):\n%s", tc.vpc, tc.n, tc.half, tc.bits, diff)
		}
	}
}

func TestAZNames(t *testing.T) {
	for _, tc := range []struct {
		region string
		i      int
		want   string
	}{
		{"us-east-1", 4, "us-east-1e"},
		{"ap-northeast-1", 1, "ap-northeast-1c"},
		{"ap-northeast-1", 3, "ap-northeast-1a"},
		{"ca-central-1", 2, "ca-central-1d"},
	} {
		if got := AZ(tc.region, tc.i); got != tc.want {
			t.Errorf("AZ(%q, %d) = %q, want %q", tc.region, tc.i, got, tc.want)
		}
	}
}
