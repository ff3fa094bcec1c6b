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
	editBaseData = "a VPC 10.20.0.0/16 with two private subnets, a DynamoDB table called orders keyed by a string id, and a versioned S3 bucket for logs"
	editBaseApp  = "an EC2 instance called web (t3.micro), a postgres database, an SQS queue called jobs and an SNS topic called alerts"
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
	for _, p := range []string{editBaseData, editBaseApp} {
		bases[p] = draftOn(t, nil, p).Stack
	}
	cases := []struct {
		base, prompt string
		want         []string
	}{
		{editBaseData, "add a second table called refunds and turn off versioning on the logs bucket", []string{
			"+ aws_dynamodb_table.refunds",
			`~ aws_s3_bucket_versioning.logs versioning_configuration[0].status: "Enabled" -> "Suspended"`,
		}},
		{editBaseData, "turn off versioning on the logs bucket", []string{
			`~ aws_s3_bucket_versioning.logs versioning_configuration[0].status: "Enabled" -> "Suspended"`,
		}},
		{editBaseData, "delete the logs bucket", []string{"- aws_s3_bucket.logs", "- aws_s3_bucket_versioning.logs"}},
		{editBaseData, "drop the orders table", []string{"- aws_dynamodb_table.orders"}},
		{editBaseApp, "scale the web servers to 4", []string{"~ aws_instance.server count:  -> 4"}},
		{editBaseApp, "make the database Multi-AZ", []string{"~ aws_db_instance.postgres multi_az:  -> true"}},
		{editBaseApp, "remove the queue", []string{"- aws_sqs_queue.jobs"}},
		{editBaseApp, "make the database a db.r6g.large", []string{`~ aws_db_instance.postgres instance_class: "db.t3.micro" -> "db.r6g.large"`}},
	}
	for _, tc := range cases {
		t.Run(tc.prompt, func(t *testing.T) {
			base := bases[tc.base]
			d := draftOn(t, base, tc.prompt)
			if diff := cmp.Diff(tc.want, stackDiff(base, d.Stack)); diff != "" {
				t.Errorf("stack changes (-want +got):\n%s\nunderstood: %q\nunplaced: %q", diff, d.Understood, d.Unplaced)
			}
		})
	}
}
