package policy

import (
	"testing"

	"github.com/syncloud/syncloud/internal/spec"
)

func TestIAM(t *testing.T) {
	stmt := func(effect string, actions, resources []string) spec.Block {
		return blk("statement", attr("effect", spec.String(effect)), attr("actions", spec.Strings(actions...)),
			attr("resources", spec.Strings(resources...)))
	}
	role := spec.Address{Type: "aws_iam_role", Name: "app"}
	roleRes := res("aws_iam_role", "app", attr("assume_role_policy", spec.String(
		`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"Service":"ec2.amazonaws.com"}}]}`)))
	runHarden(t, []hardenCase{{
		name: "policy document statements",
		in: []spec.Resource{dataRes("aws_iam_policy_document", "p",
			stmt("Allow", []string{"s3:GetObject"}, []string{"*"}),
			stmt("Allow", []string{"*"}, []string{"*"}),
			stmt("Allow", []string{"*"}, []string{"arn:aws:s3:::b/*"}),
			stmt("Deny", []string{"*"}, []string{"*"}))},
		findings: Findings{
			requested("CKV_AWS_62", High, "data.aws_iam_policy_document.p", "statement"),
			requested("CKV_AWS_63", High, "data.aws_iam_policy_document.p", "statement"),
		},
	}, {
		name: "literal JSON policies, one statement or a list",
		in: []spec.Resource{
			res("aws_iam_policy", "admin", attr("policy", spec.String(
				`{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}`))),
			res("aws_iam_policy", "narrow", attr("policy", spec.String(
				`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["sqs:SendMessage"],"Resource":["*"]}]}`))),
			res("aws_iam_policy", "broken", attr("policy", spec.String(`{"Statement": 7}`))),
			res("aws_iam_policy", "asmap", attr("policy", spec.JSON(spec.Map(map[string]spec.Value{
				"Version": spec.String("2012-10-17"),
				"Statement": spec.List(spec.Map(map[string]spec.Value{
					"Effect": spec.String("Allow"), "Action": spec.Strings("*"),
					"Resource": spec.List(spec.RefTo(spec.Address{Type: "aws_iam_policy", Name: "narrow"}, "arn")),
				})),
			})))),
		},
		findings: Findings{
			requested("CKV_AWS_62", High, "aws_iam_policy.admin", "policy"),
			advice("SYNCLOUD_IAM_POLICY_JSON", Medium, "aws_iam_policy.broken", "policy"),
			requested("CKV_AWS_63", High, "aws_iam_policy.asmap", "policy"),
		},
	}, {
		name: "AdministratorAccess attachments",
		in: []spec.Resource{
			roleRes,
			res("aws_iam_role_policy_attachment", "admin", attr("role", spec.RefTo(role, "name")),
				attr("policy_arn", spec.String("arn:aws:iam::aws:policy/AdministratorAccess"))),
			res("aws_iam_role_policy_attachment", "ro", attr("role", spec.RefTo(role, "name")),
				attr("policy_arn", spec.String("arn:aws:iam::aws:policy/ReadOnlyAccess"))),
		},
		findings: Findings{requested("CKV_AWS_274", High, "aws_iam_role_policy_attachment.admin", "policy_arn")},
	}})
}
