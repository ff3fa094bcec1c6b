package policy

import (
	"testing"

	"github.com/syncloud/syncloud/internal/spec"
)

func TestResourcePolicies(t *testing.T) {
	bucket := spec.Address{Type: "aws_s3_bucket", Name: "site"}
	queue := spec.Address{Type: "aws_sqs_queue", Name: "q"}
	topic := spec.Address{Type: "aws_sns_topic", Name: "t"}
	doc := spec.Address{Mode: spec.Data, Type: "aws_iam_policy_document", Name: "public_read"}
	// The bucket's siblings are present so that only the policy rules speak.
	site := []spec.Resource{
		res("aws_s3_bucket", "site"),
		res("aws_s3_bucket_public_access_block", "site", attr("bucket", spec.RefTo(bucket, "id")),
			attr("block_public_acls", spec.Bool(true)), attr("block_public_policy", spec.Bool(true)),
			attr("ignore_public_acls", spec.Bool(true)), attr("restrict_public_buckets", spec.Bool(true))),
		res("aws_s3_bucket_server_side_encryption_configuration", "site", attr("bucket", spec.RefTo(bucket, "id")),
			blk("rule", blk("apply_server_side_encryption_by_default", attr("sse_algorithm", spec.String("AES256"))))),
	}
	publicRead := dataRes("aws_iam_policy_document", "public_read", blk("statement",
		attr("actions", spec.Strings("s3:GetObject")), attr("resources", spec.Strings("arn:aws:s3:::site/*")),
		blk("principals", attr("type", spec.String("*")), attr("identifiers", spec.Strings("*")))))
	runHarden(t, []hardenCase{{
		name: "public bucket policy from a document, public ACL",
		in: append(append([]spec.Resource{}, site...), publicRead,
			res("aws_s3_bucket_policy", "site", attr("bucket", spec.RefTo(bucket, "id")), attr("policy", spec.RefTo(doc, "json"))),
			res("aws_s3_bucket_acl", "site", attr("bucket", spec.RefTo(bucket, "id")), attr("acl", spec.String("public-read"))),
			res("aws_s3_bucket_acl", "open", attr("bucket", spec.RefTo(bucket, "id")), attr("acl", spec.String("public-read-write")))),
		findings: Findings{
			requested("CKV_AWS_70", High, "aws_s3_bucket_policy.site", "policy"),
			requested("CKV_AWS_20", High, "aws_s3_bucket_acl.site", "acl"),
			requested("CKV_AWS_57", Critical, "aws_s3_bucket_acl.open", "acl"),
		},
	}, {
		name: "queue and topic policies: public, conditioned, service principal",
		in: []spec.Resource{
			res("aws_sqs_queue", "q", attr("sqs_managed_sse_enabled", spec.Bool(true))),
			res("aws_sqs_queue_policy", "public", attr("queue_url", spec.RefTo(queue, "id")), attr("policy", spec.String(
				`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sqs:SendMessage","Resource":"*"}]}`))),
			res("aws_sqs_queue_policy", "from_topic", attr("queue_url", spec.RefTo(queue, "id")), attr("policy", spec.JSON(
				spec.Map(map[string]spec.Value{"Version": spec.String("2012-10-17"), "Statement": spec.List(spec.Map(map[string]spec.Value{
					"Effect": spec.String("Allow"), "Principal": spec.String("*"), "Action": spec.String("sqs:SendMessage"),
					"Resource": spec.RefTo(queue, "arn"),
					"Condition": spec.Map(map[string]spec.Value{"ArnEquals": spec.Map(map[string]spec.Value{
						"aws:SourceArn": spec.RefTo(topic, "arn")})}),
				}))})))),
			res("aws_sns_topic", "t", attr("kms_master_key_id", spec.String("alias/aws/sns"))),
			res("aws_sns_topic_policy", "t", attr("arn", spec.RefTo(topic, "arn")), attr("policy", spec.String(
				`{"Statement":{"Effect":"Allow","Principal":{"Service":"events.amazonaws.com"},"Action":"sns:Publish","Resource":"*"}}`))),
		},
		findings: Findings{requested("CKV_AWS_168", High, "aws_sqs_queue_policy.public", "policy")},
	}})
}
