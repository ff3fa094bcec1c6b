package adopt

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	ddbtypes "github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/google/go-cmp/cmp"
	tfjson "github.com/hashicorp/terraform-json"

	"github.com/syncloud/syncloud/internal/kumotest"
)

// tagsFor are the tags a run of workspace ws gives the resource at addr.
func tagsFor(ws, addr string) map[string]string {
	return map[string]string{ManagedByTag: "syncloud", OrgTag: "1", WorkspaceTag: ws, AddressTag: addr, RunTag: "7"}
}

// want is a planned create of addr with the tags of workspace "1".
func want(addr string, attrs map[string]any) Want {
	typ, _, _ := strings.Cut(addr, ".")
	after := map[string]any{}
	for k, v := range attrs {
		after[k] = v
	}
	all := map[string]any{}
	for k, v := range tagsFor("1", addr) {
		if k != RunTag {
			all[k] = v
		}
	}
	after["tags_all"] = all
	return Want{Address: addr, Type: typ, Region: kumotest.Region, After: after}
}

// TestFind creates, with the AWS SDK in the emulator, one resource of each
// adoptable type tagged as workspace 1's and the same again tagged as
// workspace 2's, and finds exactly workspace 1's for its plan.
func TestFind(t *testing.T) {
	if testing.Short() {
		t.Skip("needs the emulator")
	}
	kumo := kumotest.Start(t)
	ctx := context.Background()
	f, err := NewFinder(ctx, map[string]string{"AWS_ACCESS_KEY_ID": "test", "AWS_SECRET_ACCESS_KEY": "test", "AWS_ENDPOINT_URL": kumo.URL})
	if err != nil {
		t.Fatal(err)
	}
	c := f.clients(kumotest.Region)
	ids := map[string]string{}
	for _, ws := range []string{"2", "1"} { // workspace 1's last: kumo answers in creation order
		ids[ws+"/aws_vpc.main"] = createVPC(t, c, ws)
		ids[ws+"/aws_subnet.a"] = createSubnet(t, c, ws, ids[ws+"/aws_vpc.main"])
		ids[ws+"/aws_security_group.web"] = createSG(t, c, ws, ids[ws+"/aws_vpc.main"])
		bucket := "logs-ws" + ws + "-20261127000000000000000001"
		mustDo(t, "CreateBucket", func() error {
			_, err := c.S3.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(bucket)})
			return err
		})
		mustDo(t, "PutBucketTagging", func() error {
			_, err := c.S3.PutBucketTagging(ctx, &s3.PutBucketTaggingInput{Bucket: aws.String(bucket),
				Tagging: &s3types.Tagging{TagSet: s3Tags(tagsFor(ws, "aws_s3_bucket.logs"))}})
			return err
		})
		ids[ws+"/aws_s3_bucket.logs"] = bucket
	}
	// Named resources: workspace 2 has its own names.
	mustDo(t, "CreateTable", func() error {
		_, err := c.DynamoDB.CreateTable(ctx, &dynamodb.CreateTableInput{TableName: aws.String("orders"),
			BillingMode:          ddbtypes.BillingModePayPerRequest,
			AttributeDefinitions: []ddbtypes.AttributeDefinition{{AttributeName: aws.String("id"), AttributeType: ddbtypes.ScalarAttributeTypeS}},
			KeySchema:            []ddbtypes.KeySchemaElement{{AttributeName: aws.String("id"), KeyType: ddbtypes.KeyTypeHash}},
			Tags:                 ddbTags(tagsFor("1", "aws_dynamodb_table.orders"))})
		return err
	})
	mustDo(t, "CreateRole", func() error {
		_, err := c.IAM.CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String("app"),
			AssumeRolePolicyDocument: aws.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}`),
			Tags:                     iamTags(tagsFor("1", "aws_iam_role.app"))})
		return err
	})
	// A table with the planned name that is not the workspace's: never adopted.
	mustDo(t, "CreateTable", func() error {
		_, err := c.DynamoDB.CreateTable(ctx, &dynamodb.CreateTableInput{TableName: aws.String("refunds"),
			BillingMode:          ddbtypes.BillingModePayPerRequest,
			AttributeDefinitions: []ddbtypes.AttributeDefinition{{AttributeName: aws.String("id"), AttributeType: ddbtypes.ScalarAttributeTypeS}},
			KeySchema:            []ddbtypes.KeySchemaElement{{AttributeName: aws.String("id"), KeyType: ddbtypes.KeyTypeHash}}})
		return err
	})

	wants := []Want{
		want("aws_vpc.main", nil),
		want("aws_subnet.a", nil),
		want("aws_security_group.web", map[string]any{"name": "web"}),
		want("aws_s3_bucket.logs", map[string]any{"bucket_prefix": "logs-"}),
		want("aws_dynamodb_table.orders", map[string]any{"name": "orders"}),
		want("aws_dynamodb_table.refunds", map[string]any{"name": "refunds"}),
		want("aws_iam_role.app", map[string]any{"name": "app"}),
		want("aws_iam_role.absent", map[string]any{"name": "absent"}),
		want("aws_sqs_queue.jobs", map[string]any{"name": "jobs"}), // no lookup
	}
	got, err := f.Find(ctx, wants)
	if err != nil {
		t.Fatal(err)
	}
	wantImports := []Import{
		{Address: "aws_vpc.main", Type: "aws_vpc", ID: ids["1/aws_vpc.main"], Run: "7"},
		{Address: "aws_subnet.a", Type: "aws_subnet", ID: ids["1/aws_subnet.a"], Run: "7"},
		{Address: "aws_security_group.web", Type: "aws_security_group", ID: ids["1/aws_security_group.web"], Run: "7"},
		{Address: "aws_s3_bucket.logs", Type: "aws_s3_bucket", ID: ids["1/aws_s3_bucket.logs"], Run: "7"},
		{Address: "aws_dynamodb_table.orders", Type: "aws_dynamodb_table", ID: "orders", Run: "7"},
		{Address: "aws_iam_role.app", Type: "aws_iam_role", ID: "app", Run: "7"},
	}
	if diff := cmp.Diff(wantImports, got); diff != "" {
		t.Errorf("Find (-want +got):\n%s", diff)
	}
}

func mustDo(t *testing.T, what string, f func() error) {
	t.Helper()
	if err := f(); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

func tagSpec(typ ec2types.ResourceType, tags map[string]string) []ec2types.TagSpecification {
	var ts []ec2types.Tag
	for k, v := range tags {
		ts = append(ts, ec2types.Tag{Key: aws.String(k), Value: aws.String(v)})
	}
	return []ec2types.TagSpecification{{ResourceType: typ, Tags: ts}}
}

func createVPC(t *testing.T, c *Clients, ws string) string {
	out, err := c.EC2.CreateVpc(context.Background(), &ec2.CreateVpcInput{CidrBlock: aws.String("10.20.0.0/16"),
		TagSpecifications: tagSpec(ec2types.ResourceTypeVpc, tagsFor(ws, "aws_vpc.main"))})
	if err != nil {
		t.Fatalf("CreateVpc: %v", err)
	}
	return aws.ToString(out.Vpc.VpcId)
}

func createSubnet(t *testing.T, c *Clients, ws, vpc string) string {
	out, err := c.EC2.CreateSubnet(context.Background(), &ec2.CreateSubnetInput{VpcId: aws.String(vpc), CidrBlock: aws.String("10.20.1.0/24"),
		TagSpecifications: tagSpec(ec2types.ResourceTypeSubnet, tagsFor(ws, "aws_subnet.a"))})
	if err != nil {
		t.Fatalf("CreateSubnet: %v", err)
	}
	return aws.ToString(out.Subnet.SubnetId)
}

func createSG(t *testing.T, c *Clients, ws, vpc string) string {
	out, err := c.EC2.CreateSecurityGroup(context.Background(), &ec2.CreateSecurityGroupInput{VpcId: aws.String(vpc),
		GroupName: aws.String("web-" + ws), Description: aws.String("web"),
		TagSpecifications: tagSpec(ec2types.ResourceTypeSecurityGroup, tagsFor(ws, "aws_security_group.web"))})
	if err != nil {
		t.Fatalf("CreateSecurityGroup: %v", err)
	}
	return aws.ToString(out.GroupId)
}

func s3Tags(m map[string]string) []s3types.Tag {
	var out []s3types.Tag
	for k, v := range m {
		out = append(out, s3types.Tag{Key: aws.String(k), Value: aws.String(v)})
	}
	return out
}

func ddbTags(m map[string]string) []ddbtypes.Tag {
	var out []ddbtypes.Tag
	for k, v := range m {
		out = append(out, ddbtypes.Tag{Key: aws.String(k), Value: aws.String(v)})
	}
	return out
}

func iamTags(m map[string]string) []iamtypes.Tag {
	var out []iamtypes.Tag
	for k, v := range m {
		out = append(out, iamtypes.Tag{Key: aws.String(k), Value: aws.String(v)})
	}
	return out
}

// TestFileAndCreates: a plan's creates become wants with their provider's
// region, imports already in the plan are not wanted again, and the import
// file is Terraform JSON.
func TestFileAndCreates(t *testing.T) {
	p := &tfjson.Plan{
		Config: &tfjson.Config{
			ProviderConfigs: map[string]*tfjson.ProviderConfig{"aws": {Name: "aws", Expressions: map[string]*tfjson.Expression{
				"region": {ExpressionData: &tfjson.ExpressionData{ConstantValue: "eu-west-1"}}}}},
			RootModule: &tfjson.ConfigModule{Resources: []*tfjson.ConfigResource{
				{Address: "aws_vpc.main", ProviderConfigKey: "aws"}, {Address: "aws_vpc.other", ProviderConfigKey: "aws"}}},
		},
		ResourceChanges: []*tfjson.ResourceChange{
			{Address: "aws_vpc.main", Mode: tfjson.ManagedResourceMode, Type: "aws_vpc",
				Change: &tfjson.Change{Actions: tfjson.Actions{tfjson.ActionCreate}, After: map[string]any{"cidr_block": "10.0.0.0/16"}}},
			{Address: "aws_vpc.other", Mode: tfjson.ManagedResourceMode, Type: "aws_vpc",
				Change: &tfjson.Change{Actions: tfjson.Actions{tfjson.ActionNoop}, Importing: &tfjson.Importing{ID: "vpc-1"}}},
		},
	}
	got := Creates(p)
	if len(got) != 1 || got[0].Address != "aws_vpc.main" || got[0].Region != "eu-west-1" {
		t.Errorf("Creates = %+v, want aws_vpc.main in eu-west-1 only", got)
	}
	b, err := File([]Import{{Address: "aws_vpc.main", ID: `vpc-"1"`}})
	if err != nil {
		t.Fatal(err)
	}
	if want := "{\n  \"import\": [\n    {\n      \"to\": \"aws_vpc.main\",\n      \"id\": \"vpc-\\\"1\\\"\"\n    }\n  ]\n}"; string(b) != want {
		t.Errorf("File = %s, want %s", b, want)
	}
}

// TestFindGoesOnAfterAFailure: a lookup that fails is named in the error
// and the others still run.
func TestFindGoesOnAfterAFailure(t *testing.T) {
	lookups["aws_test_fails"] = func(context.Context, *Clients, Want, map[string]string) ([]found, error) {
		return nil, errors.New("AccessDenied")
	}
	lookups["aws_test_found"] = func(_ context.Context, _ *Clients, w Want, tags map[string]string) ([]found, error) {
		return []found{{id: "x-1", tags: tags}}, nil
	}
	t.Cleanup(func() { delete(lookups, "aws_test_fails"); delete(lookups, "aws_test_found") })
	f := &Finder{byRegion: map[string]*Clients{kumotest.Region: {}}}
	got, err := f.Find(context.Background(), []Want{want("aws_test_fails.a", nil), want("aws_test_found.b", nil)})
	if err == nil || !strings.Contains(err.Error(), "aws_test_fails.a") || !strings.Contains(err.Error(), "AccessDenied") {
		t.Errorf("Find error = %v, want it to name aws_test_fails.a and its cause", err)
	}
	if len(got) != 1 || got[0].Address != "aws_test_found.b" || got[0].ID != "x-1" {
		t.Errorf("Find = %+v, want aws_test_found.b found despite the failure before it", got)
	}
}
