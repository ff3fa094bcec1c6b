package kumotest

import (
	"context"
	"slices"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// Clients are AWS SDK clients of the emulator.
type Clients struct {
	EC2      *ec2.Client
	DynamoDB *dynamodb.Client
	S3       *s3.Client
}

// Clients returns SDK clients of the emulator with test credentials.
func (e *Emulator) Clients() Clients {
	cfg := aws.Config{Region: Region, Credentials: credentials.NewStaticCredentialsProvider("test", "test", ""),
		BaseEndpoint: aws.String(e.URL)}
	return Clients{EC2: ec2.NewFromConfig(cfg), DynamoDB: dynamodb.NewFromConfig(cfg),
		S3: s3.NewFromConfig(cfg, func(o *s3.Options) { o.UsePathStyle = true })}
}

// Inventory is what exists in the emulator, read with the SDK. Lists are
// sorted so that tests compare inventories with cmp.Diff.
type Inventory struct {
	VPCs       []string // CIDR blocks of the VPCs other than the default one
	Tagged     int      // of those VPCs, how many carry the default tag managed-by=syncloud
	Subnets    int      // subnets in those VPCs
	Tables     []string // DynamoDB table names
	Buckets    int      // S3 buckets
	Versioning []string // versioning status of each bucket that has one: "Enabled" or "Suspended"
}

// Inventory reads what exists in the emulator; it fails the test when a
// call fails.
func (e *Emulator) Inventory(t testing.TB) Inventory {
	t.Helper()
	ctx := context.Background()
	c := e.Clients()
	var inv Inventory
	vpcIDs, err := inv.readVPCs(ctx, c.EC2)
	if err != nil {
		t.Fatalf("read VPCs: %v", err)
	}
	if inv.Subnets, err = countSubnets(ctx, c.EC2, vpcIDs); err != nil {
		t.Fatalf("DescribeSubnets: %v", err)
	}
	tables, err := c.DynamoDB.ListTables(ctx, &dynamodb.ListTablesInput{})
	if err != nil {
		t.Fatalf("ListTables: %v", err)
	}
	inv.Tables = sorted(tables.TableNames)
	if err := inv.readBuckets(ctx, c.S3); err != nil {
		t.Fatalf("read buckets: %v", err)
	}
	return inv
}

// readVPCs records the non-default VPCs and returns their IDs.
func (inv *Inventory) readVPCs(ctx context.Context, c *ec2.Client) ([]string, error) {
	out, err := c.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{})
	if err != nil {
		return nil, err
	}
	var ids []string
	for _, v := range out.Vpcs {
		if aws.ToBool(v.IsDefault) {
			continue
		}
		ids = append(ids, aws.ToString(v.VpcId))
		inv.VPCs = append(inv.VPCs, aws.ToString(v.CidrBlock))
		for _, tag := range v.Tags {
			if aws.ToString(tag.Key) == "managed-by" && aws.ToString(tag.Value) == "syncloud" {
				inv.Tagged++
			}
		}
	}
	inv.VPCs = sorted(inv.VPCs)
	return ids, nil
}

func countSubnets(ctx context.Context, c *ec2.Client, vpcIDs []string) (int, error) {
	out, err := c.DescribeSubnets(ctx, &ec2.DescribeSubnetsInput{})
	if err != nil {
		return 0, err
	}
	n := 0
	for _, s := range out.Subnets {
		if slices.Contains(vpcIDs, aws.ToString(s.VpcId)) {
			n++
		}
	}
	return n, nil
}

func (inv *Inventory) readBuckets(ctx context.Context, c *s3.Client) error {
	out, err := c.ListBuckets(ctx, &s3.ListBucketsInput{})
	if err != nil {
		return err
	}
	inv.Buckets = len(out.Buckets)
	for _, b := range out.Buckets {
		v, err := c.GetBucketVersioning(ctx, &s3.GetBucketVersioningInput{Bucket: b.Name})
		if err != nil {
			return err
		}
		if v.Status != "" {
			inv.Versioning = append(inv.Versioning, string(v.Status))
		}
	}
	inv.Versioning = sorted(inv.Versioning)
	return nil
}

// sorted returns a sorted copy of s, nil when s is empty.
func sorted(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	out := slices.Clone(s)
	slices.Sort(out)
	return out
}

// VPCTag returns the value of the tag key on each non-default VPC, sorted
// ("" for a VPC without it).
func (e *Emulator) VPCTag(t testing.TB, key string) []string {
	t.Helper()
	out, err := e.Clients().EC2.DescribeVpcs(context.Background(), &ec2.DescribeVpcsInput{})
	if err != nil {
		t.Fatalf("DescribeVpcs: %v", err)
	}
	var vals []string
	for _, v := range out.Vpcs {
		if aws.ToBool(v.IsDefault) {
			continue
		}
		val := ""
		for _, tag := range v.Tags {
			if aws.ToString(tag.Key) == key {
				val = aws.ToString(tag.Value)
			}
		}
		vals = append(vals, val)
	}
	return sorted(vals)
}
