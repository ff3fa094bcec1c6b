package rules

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/syncloud/syncloud/internal/lml"
	"github.com/syncloud/syncloud/internal/spec"
)

const (
	editBaseData    = "a VPC 10.20.0.0/16 with two private subnets, a DynamoDB table called orders keyed by a string id, and a versioned S3 bucket for logs"
	editBaseApp     = "an EC2 instance called web (t3.micro), a postgres database, an SQS queue called jobs and an SNS topic called alerts"
	editBaseASG     = "an auto scaling group of 2 to 6 t3.small web servers and a log group kept for 7 days"
	editBaseS3      = "an S3 bucket for logs and an S3 bucket for backups"
	editBaseEIP     = "an EC2 instance with an elastic IP"
	editBaseAudit   = "a DynamoDB table called customers keyed by a string id and versioned S3 buckets for audit and media"
	editBaseArchive = "a DynamoDB table called customers and a versioned bucket called audit-archive"
)

// draftOn runs the engine for a prompt against a current stack (nil: anew).
func draftOn(t *testing.T, current *spec.Stack, prompt string) *lml.Draft {
	t.Helper()
	d, err := Engine{}.Draft(context.Background(), lml.Request{Prompt: prompt, Current: current})
	if err != nil {
		t.Fatalf("draft %q: %v", prompt, err)
	}
	return d
}

// stackDiff lists what changed from one stack to the next, one line per
// resource added or removed and per attribute changed, sorted.
func stackDiff(before, after *spec.Stack) []string {
	old, cur := flatStack(before), flatStack(after)
	var out []string
	for a, attrs := range cur {
		prev, ok := old[a]
		if !ok {
			out = append(out, "+ "+a)
			continue
		}
		for k, v := range attrs {
			if prev[k] != v {
				out = append(out, fmt.Sprintf("~ %s %s: %s -> %s", a, k, prev[k], v))
			}
		}
		for k, v := range prev {
			if _, ok := attrs[k]; !ok {
				out = append(out, fmt.Sprintf("~ %s %s: %s -> (unset)", a, k, v))
			}
		}
	}
	for a := range old {
		if _, ok := cur[a]; !ok {
			out = append(out, "- "+a)
		}
	}
	sort.Strings(out)
	return out
}

func flatStack(s *spec.Stack) map[string]map[string]string {
	out := map[string]map[string]string{}
	for _, r := range s.Resources {
		m := map[string]string{}
		if r.Count > 1 {
			m["count"] = fmt.Sprint(r.Count)
		}
		flatBody("", r.Body, m)
		out[r.Addr().String()] = m
	}
	return out
}

func flatBody(prefix string, b spec.Body, m map[string]string) {
	for _, a := range b.Attrs {
		j, _ := json.Marshal(a.Value)
		m[prefix+a.Name] = string(j)
	}
	for i, blk := range b.Blocks {
		flatBody(fmt.Sprintf("%s%s[%d].", prefix, blk.Type, i), blk.Body, m)
	}
}

func TestEditsOnCurrentStack(t *testing.T) {
	bases := map[string]*spec.Stack{}
	for _, p := range []string{editBaseData, editBaseApp, editBaseASG, editBaseS3, editBaseEIP, editBaseAudit, editBaseArchive} {
		bases[p] = draftOn(t, nil, p).Stack
	}
	cases := []struct {
		base, prompt string
		want         []string
		unplaced     int // phrases reported as not understood
	}{
		{editBaseData, "add a second table called refunds and turn off versioning on the logs bucket", []string{
			"+ aws_dynamodb_table.refunds",
			`~ aws_s3_bucket_versioning.logs versioning_configuration[0].status: "Enabled" -> "Suspended"`,
		}, 0},
		{editBaseData, "turn off versioning on the logs bucket and add a second table called refunds", []string{
			"+ aws_dynamodb_table.refunds",
			`~ aws_s3_bucket_versioning.logs versioning_configuration[0].status: "Enabled" -> "Suspended"`,
		}, 0},
		{editBaseAudit, "add another table named invoices and suspend versioning on the audit bucket", []string{
			"+ aws_dynamodb_table.invoices",
			`~ aws_s3_bucket_versioning.audit versioning_configuration[0].status: "Enabled" -> "Suspended"`,
		}, 0},
		{editBaseAudit, "create a DynamoDB table called invoices keyed by a number, then disable versioning for the media bucket", []string{
			"+ aws_dynamodb_table.invoices",
			`~ aws_s3_bucket_versioning.media versioning_configuration[0].status: "Enabled" -> "Suspended"`,
		}, 0},
		{editBaseAudit, "add a table called payments and pause versioning on the media bucket", []string{
			"+ aws_dynamodb_table.payments",
			`~ aws_s3_bucket_versioning.media versioning_configuration[0].status: "Enabled" -> "Suspended"`,
		}, 0},
		{editBaseAudit, "add another table named invoices and the audit bucket should not be versioned anymore", []string{
			"+ aws_dynamodb_table.invoices",
			`~ aws_s3_bucket_versioning.audit versioning_configuration[0].status: "Enabled" -> "Suspended"`,
		}, 0},
		{editBaseData, "add a table called refunds and the logs bucket without versioning", []string{
			"+ aws_dynamodb_table.refunds",
			`~ aws_s3_bucket_versioning.logs versioning_configuration[0].status: "Enabled" -> "Suspended"`,
		}, 0},
		{editBaseArchive, "add a table named invoices and stop versioning the audit-archive bucket", []string{
			"+ aws_dynamodb_table.invoices",
			`~ aws_s3_bucket_versioning.audit_archive versioning_configuration[0].status: "Enabled" -> "Suspended"`,
		}, 0},
		{editBaseData, "turn off versioning on the logs bucket", []string{
			`~ aws_s3_bucket_versioning.logs versioning_configuration[0].status: "Enabled" -> "Suspended"`,
		}, 0},
		{editBaseData, "delete the logs bucket", []string{"- aws_s3_bucket.logs", "- aws_s3_bucket_versioning.logs"}, 0},
		{editBaseData, "drop the orders table", []string{"- aws_dynamodb_table.orders"}, 0},
		{editBaseData, "remove the vpc", []string{"- aws_route_table.private", "- aws_route_table_association.private_a",
			"- aws_route_table_association.private_b", "- aws_subnet.private_a", "- aws_subnet.private_b", "- aws_vpc.main"}, 0},
		{editBaseData, "remove the refunds table", nil, 1},
		{editBaseApp, "scale the web servers to 4", []string{"~ aws_instance.server count:  -> 4"}, 0},
		{editBaseApp, "make the database Multi-AZ", []string{"~ aws_db_instance.postgres multi_az:  -> true"}, 0},
		{editBaseApp, "remove the queue", []string{"- aws_sqs_queue.jobs"}, 0},
		{editBaseApp, "make the database a db.r6g.large", []string{`~ aws_db_instance.postgres instance_class: "db.t3.micro" -> "db.r6g.large"`}, 0},
		{editBaseApp, "give the database 100 GB of storage", []string{"~ aws_db_instance.postgres allocated_storage: 20 -> 100"}, 0},
		{editBaseApp, "set backup retention on the database to 14 days", []string{"~ aws_db_instance.postgres backup_retention_period:  -> 14"}, 0},
		{editBaseApp, "remove the bucket", nil, 1},
		{editBaseApp, "add a mysql database with 100 GB of storage", []string{"+ aws_db_instance.mysql"}, 0},
		{editBaseEIP, "scale the servers to 3", nil, 1},
		{editBaseApp, "remove the jobs queue and the alerts topic", []string{"- aws_sns_topic.alerts", "- aws_sqs_queue.jobs"}, 0},
		{editBaseApp, "make the database Multi-AZ and add an SQS queue called emails", []string{
			"+ aws_sqs_queue.emails", "~ aws_db_instance.postgres multi_az:  -> true"}, 0},
		{editBaseS3, "encrypt the logs bucket with KMS", []string{"+ aws_kms_key.data", "+ aws_s3_bucket_server_side_encryption_configuration.logs"}, 0},
		{editBaseASG, "scale the web servers to 10", []string{"~ aws_autoscaling_group.web desired_capacity: 2 -> 10",
			"~ aws_autoscaling_group.web max_size: 6 -> 10"}, 0},
		{editBaseASG, "scale the web servers to 1", []string{"~ aws_autoscaling_group.web desired_capacity: 2 -> 1",
			"~ aws_autoscaling_group.web min_size: 2 -> 1"}, 0},
		{editBaseASG, "keep the logs for 30 days", []string{"~ aws_cloudwatch_log_group.kept retention_in_days: 7 -> 30"}, 0},
		{editBaseS3, "add versioning to the logs bucket", []string{"+ aws_s3_bucket_versioning.logs"}, 0},
		{editBaseS3, "turn on versioning", nil, 1},
		{editBaseS3, "delete all objects in the logs bucket after 30 days", []string{"+ aws_s3_bucket_lifecycle_configuration.logs"}, 0},
		{editBaseS3, "get rid of the backups bucket", []string{"- aws_s3_bucket.backups"}, 0},
		{editBaseS3, "expire objects in the logs bucket after 30 days and delete old versions", []string{"+ aws_s3_bucket_lifecycle_configuration.logs"}, 0},
		{editBaseS3, "add a bucket for archives", []string{"+ aws_s3_bucket.archives"}, 0},
	}
	for _, tc := range cases {
		t.Run(tc.prompt, func(t *testing.T) {
			base := bases[tc.base]
			d := draftOn(t, base, tc.prompt)
			if diff := cmp.Diff(tc.want, stackDiff(base, d.Stack)); diff != "" {
				t.Errorf("stack changes (-want +got):\n%s\nunderstood: %q\nunplaced: %q", diff, d.Understood, d.Unplaced)
			}
			if len(d.Unplaced) != tc.unplaced {
				t.Errorf("unplaced = %q, want %d phrase(s)", d.Unplaced, tc.unplaced)
			}
		})
	}
}

func TestDestroyEverything(t *testing.T) {
	base := draftOn(t, nil, editBaseData).Stack
	for _, prompt := range []string{"destroy everything", "tear it all down", "delete all resources", "please destroy the whole stack"} {
		t.Run(prompt, func(t *testing.T) {
			d := draftOn(t, base, prompt)
			if len(d.Stack.Resources) != 0 {
				t.Errorf("resources left: %v", stackDiff(&spec.Stack{}, d.Stack))
			}
			if d.Stack.Region != base.Region {
				t.Errorf("region = %q, want %q", d.Stack.Region, base.Region)
			}
		})
	}
}

// TestDraftLeavesCurrentAlone checks that a draft never writes into the
// request's current stack: a later prompt must not see an earlier
// prompt's edits or additions.
func TestDraftLeavesCurrentAlone(t *testing.T) {
	base := draftOn(t, nil, editBaseData).Stack
	before, err := json.Marshal(base)
	if err != nil {
		t.Fatal(err)
	}
	for _, prompt := range []string{
		"add a second table called refunds and turn off versioning on the logs bucket",
		"remove the vpc", "destroy everything", "add an SQS queue called jobs",
	} {
		draftOn(t, base, prompt)
	}
	after, err := json.Marshal(base)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(before), string(after)); diff != "" {
		t.Errorf("current stack changed by drafting (-before +after):\n%s", diff)
	}
}
