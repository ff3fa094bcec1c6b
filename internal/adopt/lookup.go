package adopt

import (
	"context"
	"errors"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	ddbtypes "github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/smithy-go"
)

// Clients are the AWS API clients the lookups use, all for the
// workspace's region and credentials.
type Clients struct {
	EC2      *ec2.Client
	S3       *s3.Client
	DynamoDB *dynamodb.Client
	IAM      *iam.Client
}

// NewClients makes the clients from an AWS configuration. endpoint is a
// custom endpoint (an emulator) or "" for AWS; S3 then uses path-style
// addressing as emulators expect.
func NewClients(cfg aws.Config, endpoint string) *Clients {
	if endpoint != "" {
		cfg.BaseEndpoint = aws.String(endpoint)
	}
	return &Clients{
		EC2: ec2.NewFromConfig(cfg),
		S3: s3.NewFromConfig(cfg, func(o *s3.Options) {
			o.UsePathStyle = endpoint != ""
			// The lookups read tags, not objects: no checksums to check.
			o.ResponseChecksumValidation = aws.ResponseChecksumValidationWhenRequired
		}),
		DynamoDB: dynamodb.NewFromConfig(cfg, func(o *dynamodb.Options) {
			// Emulators may not send the CRC32 header real DynamoDB does.
			o.DisableValidateResponseChecksum = endpoint != ""
		}),
		IAM: iam.NewFromConfig(cfg),
	}
}

var lookups = map[string]lookup{
	"aws_vpc":            findVPCs,
	"aws_subnet":         findSubnets,
	"aws_security_group": findSecurityGroups,
	"aws_s3_bucket":      findBuckets,
	"aws_dynamodb_table": findTable,
	"aws_iam_role":       findRole,
}

// ec2Filters filter by every identifying tag, so that real EC2 answers
// only with the resources a lookup wants.
func ec2Filters(tags map[string]string) []ec2types.Filter {
	var fs []ec2types.Filter
	for _, k := range matchTags {
		fs = append(fs, ec2types.Filter{Name: aws.String("tag:" + k), Values: []string{tags[k]}})
	}
	return fs
}

func ec2Tags(ts []ec2types.Tag) map[string]string {
	m := make(map[string]string, len(ts))
	for _, t := range ts {
		m[aws.ToString(t.Key)] = aws.ToString(t.Value)
	}
	return m
}

func findVPCs(ctx context.Context, c *Clients, _ Want, tags map[string]string) ([]found, error) {
	var out []found
	p := ec2.NewDescribeVpcsPaginator(c.EC2, &ec2.DescribeVpcsInput{Filters: ec2Filters(tags)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, err
		}
		for _, v := range page.Vpcs {
			out = append(out, found{id: aws.ToString(v.VpcId), tags: ec2Tags(v.Tags)})
		}
	}
	return out, nil
}

func findSubnets(ctx context.Context, c *Clients, _ Want, tags map[string]string) ([]found, error) {
	var out []found
	p := ec2.NewDescribeSubnetsPaginator(c.EC2, &ec2.DescribeSubnetsInput{Filters: ec2Filters(tags)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, err
		}
		for _, s := range page.Subnets {
			out = append(out, found{id: aws.ToString(s.SubnetId), tags: ec2Tags(s.Tags)})
		}
	}
	return out, nil
}

func findSecurityGroups(ctx context.Context, c *Clients, _ Want, tags map[string]string) ([]found, error) {
	var out []found
	p := ec2.NewDescribeSecurityGroupsPaginator(c.EC2, &ec2.DescribeSecurityGroupsInput{Filters: ec2Filters(tags)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, err
		}
		for _, g := range page.SecurityGroups {
			out = append(out, found{id: aws.ToString(g.GroupId), tags: ec2Tags(g.Tags)})
		}
	}
	return out, nil
}

// findBuckets looks at the bucket the plan names, or at the buckets whose
// names start with its bucket_prefix.
func findBuckets(ctx context.Context, c *Clients, w Want, _ map[string]string) ([]found, error) {
	var names []string
	if name := w.str("bucket"); name != "" {
		names = []string{name}
	} else if prefix := w.str("bucket_prefix"); prefix != "" {
		region := c.S3.Options().Region
		p := s3.NewListBucketsPaginator(c.S3, &s3.ListBucketsInput{Prefix: aws.String(prefix), BucketRegion: aws.String(region)})
		for p.HasMorePages() {
			page, err := p.NextPage(ctx)
			if err != nil {
				return nil, err
			}
			for _, b := range page.Buckets {
				// Prefix and BucketRegion are filters some S3
				// implementations ignore.
				name := aws.ToString(b.Name)
				if strings.HasPrefix(name, prefix) && (b.BucketRegion == nil || *b.BucketRegion == region) {
					names = append(names, name)
				}
			}
		}
	}
	var out []found
	for _, name := range names {
		t, err := c.S3.GetBucketTagging(ctx, &s3.GetBucketTaggingInput{Bucket: aws.String(name)})
		// A name taken in another account (AccessDenied) or a bucket in
		// another region (PermanentRedirect) is not this workspace's.
		if isCode(err, "NoSuchBucket", "NoSuchTagSet", "NotFound", "AccessDenied", "PermanentRedirect") {
			continue
		}
		if err != nil {
			return nil, err
		}
		m := map[string]string{}
		for _, tag := range t.TagSet {
			m[aws.ToString(tag.Key)] = aws.ToString(tag.Value)
		}
		out = append(out, found{id: name, tags: m})
	}
	return out, nil
}

// findTable looks at the table the plan names.
func findTable(ctx context.Context, c *Clients, w Want, _ map[string]string) ([]found, error) {
	name := w.str("name")
	if name == "" {
		return nil, nil
	}
	d, err := c.DynamoDB.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: aws.String(name)})
	var nf *ddbtypes.ResourceNotFoundException
	if errors.As(err, &nf) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	m := map[string]string{}
	in := &dynamodb.ListTagsOfResourceInput{ResourceArn: d.Table.TableArn}
	for {
		page, err := c.DynamoDB.ListTagsOfResource(ctx, in)
		if err != nil {
			return nil, err
		}
		for _, t := range page.Tags {
			m[aws.ToString(t.Key)] = aws.ToString(t.Value)
		}
		if page.NextToken == nil {
			break
		}
		in.NextToken = page.NextToken
	}
	return []found{{id: name, tags: m}}, nil
}

// findRole looks at the role the plan names.
func findRole(ctx context.Context, c *Clients, w Want, _ map[string]string) ([]found, error) {
	name := w.str("name")
	if name == "" {
		return nil, nil
	}
	r, err := c.IAM.GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String(name)})
	var nf *iamtypes.NoSuchEntityException
	if errors.As(err, &nf) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	m := map[string]string{}
	for _, t := range r.Role.Tags {
		m[aws.ToString(t.Key)] = aws.ToString(t.Value)
	}
	return []found{{id: name, tags: m}}, nil
}

// isCode reports whether err is an AWS API error with one of the codes.
func isCode(err error, codes ...string) bool {
	var ae smithy.APIError
	if !errors.As(err, &ae) {
		return false
	}
	for _, c := range codes {
		if ae.ErrorCode() == c {
			return true
		}
	}
	return false
}
