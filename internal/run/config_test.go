package run

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/syncloud/syncloud/internal/adopt"
	"github.com/syncloud/syncloud/internal/spec"
)

// TestRenderConfigAddressTags: every uncounted resource whose type takes
// tags carries its address as a tag, merged into its own tags; resources
// without tags and counted ones do not.
func TestRenderConfigAddressTags(t *testing.T) {
	st := spec.Stack{Region: "us-east-1", Resources: []spec.Resource{
		{Mode: spec.Managed, Type: "aws_vpc", Name: "main", Body: spec.Body{Attrs: []spec.Attr{{Name: "cidr_block", Value: spec.String("10.0.0.0/16")}}}},
		{Mode: spec.Managed, Type: "aws_s3_bucket", Name: "logs", Body: spec.Body{Attrs: []spec.Attr{
			{Name: "tags", Value: spec.StringMap(map[string]string{"Name": "logs"})}}}},
		{Mode: spec.Managed, Type: "aws_s3_bucket_versioning", Name: "logs", Body: spec.Body{Attrs: []spec.Attr{
			{Name: "bucket", Value: spec.RefTo(spec.Address{Type: "aws_s3_bucket", Name: "logs"}, "id")}}}},
		{Mode: spec.Managed, Type: "aws_sns_topic", Name: "many", Count: 2},
	}}
	raw, err := json.Marshal(&st)
	if err != nil {
		t.Fatal(err)
	}
	files, err := RenderConfig(ConfigInput{OrgID: 1, WorkspaceID: 2, RunID: 3, Spec: string(raw), ServerURL: "http://127.0.0.1:8080"})
	if err != nil {
		t.Fatal(err)
	}
	var cfg struct {
		Resource map[string]map[string]struct {
			Tags map[string]string `json:"tags"`
		} `json:"resource"`
	}
	if err := json.Unmarshal(files["main.tf.json"], &cfg); err != nil {
		t.Fatalf("%v in:\n%s", err, files["main.tf.json"])
	}
	got := map[string]map[string]string{}
	for typ, byName := range cfg.Resource {
		for name, r := range byName {
			got[typ+"."+name] = r.Tags
		}
	}
	want := map[string]map[string]string{
		"aws_vpc.main":                  {adopt.AddressTag: "aws_vpc.main"},
		"aws_s3_bucket.logs":            {adopt.AddressTag: "aws_s3_bucket.logs", "Name": "logs"},
		"aws_s3_bucket_versioning.logs": nil,
		"aws_sns_topic.many":            nil,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("resource tags (-want +got):\n%s", diff)
	}
}
