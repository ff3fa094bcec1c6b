package kumotest

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/google/go-cmp/cmp"

	"github.com/syncloud/syncloud/internal/lml"
	"github.com/syncloud/syncloud/internal/lml/rules"
)

// TestGapsStillMissing checks, against kumo itself, that the calls behind
// Gaps still fail, so that the list shrinks when kumo catches up.
func TestGapsStillMissing(t *testing.T) {
	e := Start(t)
	if diff := cmp.Diff(Inventory{}, e.Inventory(t)); diff != "" {
		t.Errorf("a fresh emulator's inventory (-want +got):\n%s", diff)
	}
	ctx := context.Background()
	c := e.Clients().EC2
	vpc, err := c.CreateVpc(ctx, &ec2.CreateVpcInput{CidrBlock: aws.String("10.9.0.0/16")})
	if err != nil {
		t.Fatalf("CreateVpc: %v", err)
	}
	subnet, err := c.CreateSubnet(ctx, &ec2.CreateSubnetInput{VpcId: vpc.Vpc.VpcId, CidrBlock: aws.String("10.9.1.0/24")})
	if err != nil {
		t.Fatalf("CreateSubnet: %v", err)
	}
	rt, err := c.CreateRouteTable(ctx, &ec2.CreateRouteTableInput{VpcId: vpc.Vpc.VpcId})
	if err != nil {
		t.Fatalf("CreateRouteTable: %v", err)
	}
	assoc, err := c.AssociateRouteTable(ctx, &ec2.AssociateRouteTableInput{RouteTableId: rt.RouteTable.RouteTableId, SubnetId: subnet.Subnet.SubnetId})
	if err != nil {
		t.Fatalf("AssociateRouteTable: %v", err)
	}
	if diff := cmp.Diff(Inventory{VPCs: []string{"10.9.0.0/16"}, Subnets: 1}, e.Inventory(t)); diff != "" {
		t.Errorf("inventory (-want +got):\n%s", diff)
	}
	if _, err := c.DisassociateRouteTable(ctx, &ec2.DisassociateRouteTableInput{AssociationId: assoc.AssociationId}); err == nil {
		t.Errorf("kumo now implements DisassociateRouteTable: take aws_route_table_association out of Gaps")
	}
	if _, err := c.DeleteRouteTable(ctx, &ec2.DeleteRouteTableInput{RouteTableId: rt.RouteTable.RouteTableId}); err == nil {
		t.Errorf("kumo now implements DeleteRouteTable: take aws_route_table out of Gaps")
	}
}

// TestEngineLeavesOutGaps checks that the product's engine generates route
// tables for private subnets and that Engine removes only those.
func TestEngineLeavesOutGaps(t *testing.T) {
	req := lml.Request{Prompt: "a VPC 10.20.0.0/16 with two private subnets and a DynamoDB table called orders"}
	full, err := rules.Engine{}.Draft(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	d, err := Engine{rules.Engine{}}.Draft(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	var want, got []string
	for _, r := range full.Stack.Resources {
		if r.Type != "aws_route_table" && r.Type != "aws_route_table_association" {
			want = append(want, r.Addr().String())
		}
	}
	for _, r := range d.Stack.Resources {
		got = append(got, r.Addr().String())
	}
	if len(want) == len(full.Stack.Resources) {
		t.Fatalf("the rules engine made no route tables for private subnets: %v", want)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("resources after Engine (-want +got):\n%s", diff)
	}
}
