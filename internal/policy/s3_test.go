package policy

import (
	"testing"

	"github.com/syncloud/syncloud/internal/spec"
)

func TestS3(t *testing.T) {
	bucket := spec.Address{Type: "aws_s3_bucket", Name: "site"}
	pab := func(name string, ref spec.Value, flags ...bool) spec.Resource {
		r := res("aws_s3_bucket_public_access_block", name, attr("bucket", ref))
		for i, f := range s3PABFlags() {
			r.Body.Set(f.attr, spec.Bool(flags[i]))
		}
		return r
	}
	sse := func(name string, ref spec.Value, algo string) spec.Resource {
		return res("aws_s3_bucket_server_side_encryption_configuration", name, attr("bucket", ref),
			blk("rule", blk("apply_server_side_encryption_by_default", attr("sse_algorithm", spec.String(algo)))))
	}
	ref := spec.RefTo(bucket, "id")
	runHarden(t, []hardenCase{{
		name: "bare bucket gets a public access block and encryption",
		in:   []spec.Resource{res("aws_s3_bucket", "site")},
		want: []spec.Resource{
			res("aws_s3_bucket", "site"),
			pab("site", ref, true, true, true, true),
			sse("site", ref, "AES256"),
		},
		findings: Findings{fixed("CKV2_AWS_6", High, "aws_s3_bucket.site", ""), fixed("CKV_AWS_19", Medium, "aws_s3_bucket.site", "")},
	}, {
		name: "public website block is kept, unset flag defaulted",
		in: []spec.Resource{
			res("aws_s3_bucket", "site"),
			res("aws_s3_bucket_public_access_block", "site", attr("bucket", ref),
				attr("block_public_acls", spec.Bool(false)), attr("block_public_policy", spec.Bool(false)),
				attr("ignore_public_acls", spec.Bool(false))),
			sse("site", ref, "aws:kms"),
		},
		want: []spec.Resource{
			res("aws_s3_bucket", "site"),
			pab("site", ref, false, false, false, true),
			sse("site", ref, "aws:kms"),
		},
		findings: Findings{
			requested("CKV_AWS_53", High, "aws_s3_bucket_public_access_block.site", "block_public_acls"),
			requested("CKV_AWS_54", High, "aws_s3_bucket_public_access_block.site", "block_public_policy"),
			requested("CKV_AWS_55", High, "aws_s3_bucket_public_access_block.site", "ignore_public_acls"),
			fixed("CKV_AWS_56", High, "aws_s3_bucket_public_access_block.site", "restrict_public_buckets"),
		},
	}, {
		name: "siblings found by literal bucket name",
		in: []spec.Resource{
			res("aws_s3_bucket", "site", attr("bucket", spec.String("example-site"))),
			pab("mine", spec.String("example-site"), true, true, true, true),
			sse("mine", spec.String("example-site"), "AES256"),
		},
	}, {
		name: "counted bucket gets one sibling per instance, name clash avoided",
		in: []spec.Resource{
			counted(res("aws_s3_bucket", "logs"), 2),
			pab("logs_0", spec.RefTo(bucket, "id"), true, true, true, true),
			res("aws_s3_bucket", "site"),
		},
		want: []spec.Resource{
			counted(res("aws_s3_bucket", "logs"), 2),
			pab("logs_0", spec.RefTo(bucket, "id"), true, true, true, true),
			res("aws_s3_bucket", "site"),
			pab("logs_0_2", spec.RefIndex(spec.Address{Type: "aws_s3_bucket", Name: "logs"}, 0, "id"), true, true, true, true),
			sse("logs_0", spec.RefIndex(spec.Address{Type: "aws_s3_bucket", Name: "logs"}, 0, "id"), "AES256"),
			pab("logs_1", spec.RefIndex(spec.Address{Type: "aws_s3_bucket", Name: "logs"}, 1, "id"), true, true, true, true),
			sse("logs_1", spec.RefIndex(spec.Address{Type: "aws_s3_bucket", Name: "logs"}, 1, "id"), "AES256"),
			sse("site", ref, "AES256"),
		},
		findings: Findings{
			fixed("CKV2_AWS_6", High, "aws_s3_bucket.logs", ""), fixed("CKV_AWS_19", Medium, "aws_s3_bucket.logs", ""),
			fixed("CKV2_AWS_6", High, "aws_s3_bucket.logs", ""), fixed("CKV_AWS_19", Medium, "aws_s3_bucket.logs", ""),
			fixed("CKV_AWS_19", Medium, "aws_s3_bucket.site", ""),
		},
	}, {
		name: "sibling of a bucket in another region uses its provider",
		in:   []spec.Resource{{Type: "aws_s3_bucket", Name: "replica", Provider: "west"}},
		want: []spec.Resource{
			{Type: "aws_s3_bucket", Name: "replica", Provider: "west"},
			withProvider(pab("replica", spec.RefTo(spec.Address{Type: "aws_s3_bucket", Name: "replica"}, "id"), true, true, true, true), "west"),
			withProvider(sse("replica", spec.RefTo(spec.Address{Type: "aws_s3_bucket", Name: "replica"}, "id"), "AES256"), "west"),
		},
		findings: Findings{fixed("CKV2_AWS_6", High, "aws_s3_bucket.replica", ""), fixed("CKV_AWS_19", Medium, "aws_s3_bucket.replica", "")},
	}})
}

func withProvider(r spec.Resource, p string) spec.Resource { r.Provider = p; return r }
