package rules

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/syncloud/syncloud/internal/lml"
	"github.com/syncloud/syncloud/internal/providerschema"
	"github.com/syncloud/syncloud/internal/spec"
)

// ltWant is a long-tail resource a prompt must give, with top-level
// attributes rendered as text (references as "type.name.attr").
type ltWant struct {
	typ   string
	attrs map[string]string
}

func TestLongTailPlacesTypesByName(t *testing.T) {
	tests := []struct {
		prompt string
		want   []ltWant
	}{
		{"I need a glacier vault called cold-archive for old invoices", []ltWant{
			{"aws_glacier_vault", map[string]string{"name": "cold-archive"}}}},
		{"set up an elastic beanstalk application", []ltWant{
			{"aws_elastic_beanstalk_application", map[string]string{"name": "syncloud-elastic-beanstalk-application"}}}},
		{"please make me a kinesis video stream", []ltWant{{"aws_kinesis_video_stream", nil}}},
		{"a bucket named media-assets-77 with transfer acceleration configuration", []ltWant{
			{"aws_s3_bucket_accelerate_configuration", map[string]string{"bucket": "aws_s3_bucket.media_assets_77.id",
				"status": "Enabled"}}}},
		{"bucket logs-2025-x plus an intelligent tiering config for it", []ltWant{
			{"aws_s3_bucket_intelligent_tiering_configuration", map[string]string{"bucket": "aws_s3_bucket.logs_2025_x.id"}}}},
		{"bucket billing-77 where the requester pays, with a request payment configuration", []ltWant{
			{"aws_s3_bucket_request_payment_configuration", map[string]string{"payer": "Requester"}}}},
		{"bucket docs-77 with ownership controls set to object writer", []ltWant{
			{"aws_s3_bucket_ownership_controls", nil}}},
		{"an amazon chime voice connector and a streaming configuration for it with data retention of 12 hours", []ltWant{
			{"aws_chime_voice_connector", map[string]string{"require_encryption": "true"}},
			{"aws_chime_voice_connector_streaming", map[string]string{"data_retention": "12",
				"voice_connector_id": "aws_chime_voice_connector.chime_voice_connector.id"}}}},
		{"an EFS file system and an EFS backup policy for it", []ltWant{
			{"aws_efs_file_system", nil},
			{"aws_efs_backup_policy", map[string]string{"file_system_id": "aws_efs_file_system.efs_file_system.id"}}}},
		{"a 64 GB lightsail disk", []ltWant{
			{"aws_lightsail_disk", map[string]string{"size_in_gb": "64", "availability_zone": "us-east-1a"}}}},
		{"one lightsail box with the wordpress blueprint", []ltWant{
			{"aws_lightsail_instance", map[string]string{"blueprint_id": "wordpress"}}}},
		{"redshift warehouse cluster", []ltWant{
			{"aws_redshift_cluster", map[string]string{"manage_master_password": "true", "node_type": "ra3.large"}}}},
		{"an egress only internet gateway for ipv6", []ltWant{
			{"aws_egress_only_internet_gateway", map[string]string{"vpc_id": "data.aws_vpc.default.id"}}}},
		{"a sagemaker image", []ltWant{
			{"aws_sagemaker_image", map[string]string{"role_arn": "aws_iam_role.syncloud_sagemaker_image_role.arn"}}}},
		{"a neptune cluster with its own cluster parameter group", []ltWant{
			{"aws_neptune_cluster_parameter_group", map[string]string{"family": "neptune1.3"}}}},
		{"an elasticache user group", []ltWant{{"aws_elasticache_user_group", map[string]string{"engine": "redis"}}}},
	}
	for _, tt := range tests {
		t.Run(tt.prompt, func(t *testing.T) {
			d := ltDraft(t, tt.prompt)
			for _, w := range tt.want {
				rs := d.Stack.OfType(w.typ)
				if len(rs) == 0 {
					t.Fatalf("no %s in %s", w.typ, ltTypes(d.Stack))
				}
				got := map[string]string{}
				for k := range w.attrs {
					if v, ok := rs[0].Body.Get(k); ok {
						got[k] = ltRender(v)
					}
				}
				if diff := cmp.Diff(w.attrs, got, cmpEmptyMap); diff != "" {
					t.Errorf("%s attributes (-want +got):\n%s", w.typ, diff)
				}
			}
			if ds := providerschema.Check(d.Stack); ds.HasErrors() {
				t.Errorf("schema check: %v", ds)
			}
		})
	}
}

var cmpEmptyMap = cmp.Comparer(func(a, b map[string]string) bool {
	if len(a) == 0 && len(b) == 0 {
		return true
	}
	return cmp.Equal(a, b)
})

// TestLongTailLeavesAlone checks that words which merely resemble type
// names place nothing extra, and that what cannot be filled is reported.
func TestLongTailLeavesAlone(t *testing.T) {
	tests := []struct {
		prompt   string
		absent   []string
		unplaced string
	}{
		{"bucket site-assets-9 that blocks public ACLs and public policies", []string{"aws_s3_bucket_acl"}, ""},
		{"a postgres database that skips the final snapshot", []string{"aws_db_snapshot"}, ""},
		{"a lightsail database running mysql", []string{"aws_lightsail_database"}, "master_password"},
		{"an iam user called deploy with an ssh key", []string{"aws_iam_user_ssh_key"}, "public_key"},
		{"Launch one t3.micro server", []string{"aws_launch_configuration"}, ""},
		{"a bucket whose objects expire after 30 days", []string{"aws_s3_bucket_object"}, ""},
		{"a VPC 10.1.0.0/16 with an S3 endpoint on the main route table", []string{"aws_route_table"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.prompt, func(t *testing.T) {
			d, err := Engine{}.Draft(context.Background(), lml.Request{Prompt: tt.prompt})
			var nothing *lml.NothingError
			if errors.As(err, &nothing) {
				ltCheckUnplaced(t, nothing.Unplaced, tt.unplaced)
				return
			}
			if err != nil {
				t.Fatalf("Draft: %v", err)
			}
			for _, typ := range tt.absent {
				if len(d.Stack.OfType(typ)) > 0 {
					t.Errorf("unexpected %s in %s", typ, ltTypes(d.Stack))
				}
			}
			ltCheckUnplaced(t, d.Unplaced, tt.unplaced)
		})
	}
}

func ltCheckUnplaced(t *testing.T, unplaced []string, want string) {
	t.Helper()
	if want == "" {
		return
	}
	if !strings.Contains(strings.Join(unplaced, "; "), want) {
		t.Errorf("unplaced = %q, want a mention of %q", unplaced, want)
	}
}

func TestChoiceWords(t *testing.T) {
	tests := map[string][]string{
		"BucketOwnerPreferred": {"bucket", "owner", "preferred"},
		"ubuntu_22_04":         {"ubuntu", "22.04"},
		"ra3.xlplus":           {"ra3.xlplus"},
		"Enabled":              {"enabled"},
	}
	for in, want := range tests {
		if diff := cmp.Diff(want, choiceWords(in)); diff != "" {
			t.Errorf("choiceWords(%q) (-want +got):\n%s", in, diff)
		}
	}
}

func TestCanonicalWord(t *testing.T) {
	tests := map[string]string{"controls": "control", "policies": "policy", "access": "access",
		"redis": "redis", "db": "db", "database": "db", "app": "application", "logging": "log", "aws": "aws"}
	for in, want := range tests {
		if got := canonicalWord(in); got != want {
			t.Errorf("canonicalWord(%q) = %q, want %q", in, got, want)
		}
	}
}

func BenchmarkLongTail(b *testing.B) {
	prompts := []string{
		"an amazon chime voice connector and a streaming configuration for it with data retention of 12 hours",
		"a bucket named media-assets-77 with transfer acceleration configuration and intelligent tiering",
		"three t3.micro instances behind a load balancer in a new VPC with a postgres database",
	}
	longTailIndex()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		_, _ = Engine{}.Draft(context.Background(), lml.Request{Prompt: prompts[i%len(prompts)]})
	}
}

func ltDraft(t *testing.T, prompt string) *lml.Draft {
	t.Helper()
	d, err := Engine{}.Draft(context.Background(), lml.Request{Prompt: prompt})
	if err != nil {
		t.Fatalf("Draft(%q): %v", prompt, err)
	}
	return d
}

func ltTypes(s *spec.Stack) string {
	var out []string
	for _, r := range s.Resources {
		out = append(out, r.Addr().String())
	}
	return strings.Join(out, ", ")
}

func ltRender(v spec.Value) string {
	switch v.Kind {
	case spec.KindString:
		return v.Str
	case spec.KindNumber:
		return strconv.FormatFloat(v.Num, 'f', -1, 64)
	case spec.KindBool:
		return strconv.FormatBool(v.Bool)
	case spec.KindRef:
		return v.Ref.To.String() + "." + v.Ref.Attr
	}
	return v.Kind.String()
}
