package terraform

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/syncloud/syncloud/internal/spec"
)

func TestConcatEscapesLiteralsAndInterpolatesReferences(t *testing.T) {
	s := &spec.Stack{Region: "us-east-1"}
	bucket := s.Add(spec.Resource{Type: "aws_s3_bucket", Name: "b"}).Addr()
	doc := spec.Resource{Mode: spec.Data, Type: "aws_iam_policy_document", Name: "p"}
	st := doc.Body.AddBlock("statement")
	st.Set("actions", spec.Strings("s3:GetObject"))
	st.Set("resources", spec.List(spec.Concat(spec.RefTo(bucket, "arn"), spec.String(`/${file("x")}/%{ if true }*`))))
	s.Add(doc)

	files, err := Render(s, HCL, Options{})
	if err != nil {
		t.Fatal(err)
	}
	hcl := string(files["main.tf"])
	if want := `"${aws_s3_bucket.b.arn}/$${file(\"x\")}/%%{ if true }*"`; !strings.Contains(hcl, want) {
		t.Errorf("HCL lacks %s:\n%s", want, hcl)
	}
	files, err = Render(s, JSON, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var doc2 struct {
		Data map[string]map[string]struct {
			Statement []struct {
				Resources []string `json:"resources"`
			} `json:"statement"`
		} `json:"data"`
	}
	if err := json.Unmarshal(files["main.tf.json"], &doc2); err != nil {
		t.Fatal(err)
	}
	got := doc2.Data["aws_iam_policy_document"]["p"].Statement[0].Resources[0]
	if want := `${aws_s3_bucket.b.arn}/$${file("x")}/%%{ if true }*`; got != want {
		t.Errorf("JSON resource = %q, want %q", got, want)
	}
}
