package policy

import (
	"testing"

	"github.com/syncloud/syncloud/internal/spec"
)

func TestMessagingAndKeys(t *testing.T) {
	kms := spec.Address{Type: "aws_kms_key", Name: "k"}
	runHarden(t, []hardenCase{{
		name: "defaults applied",
		in: []spec.Resource{
			res("aws_kms_key", "k"),
			res("aws_sns_topic", "alerts"),
			res("aws_sqs_queue", "jobs"),
			res("aws_sqs_queue", "cmk", attr("kms_master_key_id", spec.RefTo(kms, "arn"))),
			res("aws_cloudwatch_log_group", "app"),
		},
		want: []spec.Resource{
			res("aws_kms_key", "k", attr("enable_key_rotation", spec.Bool(true))),
			res("aws_sns_topic", "alerts", attr("kms_master_key_id", spec.String("alias/aws/sns"))),
			res("aws_sqs_queue", "jobs", attr("sqs_managed_sse_enabled", spec.Bool(true))),
			res("aws_sqs_queue", "cmk", attr("kms_master_key_id", spec.RefTo(kms, "arn"))),
			res("aws_cloudwatch_log_group", "app", attr("retention_in_days", spec.Int(365))),
		},
		findings: Findings{
			fixed("CKV_AWS_7", Medium, "aws_kms_key.k", "enable_key_rotation"),
			fixed("CKV_AWS_26", Medium, "aws_sns_topic.alerts", "kms_master_key_id"),
			fixed("CKV_AWS_27", Medium, "aws_sqs_queue.jobs", "sqs_managed_sse_enabled"),
			fixed("CKV_AWS_338", Low, "aws_cloudwatch_log_group.app", "retention_in_days"),
		},
	}, {
		name: "explicit risky values kept",
		in: []spec.Resource{
			res("aws_kms_key", "k", attr("enable_key_rotation", spec.Bool(false))),
			res("aws_sns_topic", "alerts", attr("kms_master_key_id", spec.String(""))),
			res("aws_sqs_queue", "jobs", attr("sqs_managed_sse_enabled", spec.Bool(false))),
			res("aws_cloudwatch_log_group", "short", attr("retention_in_days", spec.Int(7))),
			res("aws_cloudwatch_log_group", "forever", attr("retention_in_days", spec.Int(0))),
		},
		findings: Findings{
			requested("CKV_AWS_7", High, "aws_kms_key.k", "enable_key_rotation"),
			requested("CKV_AWS_26", High, "aws_sns_topic.alerts", "kms_master_key_id"),
			requested("CKV_AWS_27", High, "aws_sqs_queue.jobs", "sqs_managed_sse_enabled"),
			requested("CKV_AWS_338", Low, "aws_cloudwatch_log_group.short", "retention_in_days"),
		},
	}, {
		name: "asymmetric and HMAC keys cannot rotate",
		in: []spec.Resource{
			res("aws_kms_key", "sign", attr("customer_master_key_spec", spec.String("RSA_2048")),
				attr("key_usage", spec.String("SIGN_VERIFY"))),
			res("aws_kms_key", "mac", attr("customer_master_key_spec", spec.String("HMAC_256")),
				attr("key_usage", spec.String("GENERATE_VERIFY_MAC"))),
		},
	}})
}
