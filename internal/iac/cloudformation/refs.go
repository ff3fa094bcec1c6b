package cloudformation

import (
	"strconv"
	"strings"

	"github.com/syncloud/syncloud/internal/spec"
)

// ref converts a reference to the intrinsic function that reads the same
// attribute in CloudFormation.
func (c *conv) ref(r *spec.Ref) any {
	v, _ := c.refValue(r)
	return v
}

// refValue converts a reference and reports whether it yields a list.
func (c *conv) refValue(r *spec.Ref) (any, bool) {
	target := c.r.stack.Find(r.To)
	if target == nil {
		c.failf("refers to %s, which is not in the stack", r.To)
		return nil, false
	}
	if r.To.Mode == spec.Data {
		return c.dataRef(target, r)
	}
	k := c.r.kinds[r.To.Type]
	if k.cfn == "" {
		c.failf("refers to %s, which CloudFormation folds into the resource it configures", r.To)
		return nil, false
	}
	read, ok := k.attrs[r.Attr]
	if !ok {
		// An argument the stack sets to a literal reads back as that literal;
		// the reader still waits for the resource, as in Terraform.
		if v, set := target.Body.Get(r.Attr); set && literal(v) {
			c.dependOn(c.r.ids[r.To]...)
			return c.value(v), v.Kind == spec.KindList
		}
		c.failf("refers to %s.%s: CloudFormation has no equivalent of that attribute", r.To, r.Attr)
		return nil, false
	}
	ids := c.r.ids[r.To]
	if arn, ok := literalBucketARN(target, r); ok {
		return arn, false
	}
	if r.To.Type == "aws_internet_gateway" {
		c.dependOn(c.r.attachments[r.To]...)
	}
	switch {
	case r.Index == spec.Splat:
		out := make([]any, len(ids))
		for i, id := range ids {
			out[i] = read(id)
		}
		return out, true
	case r.Index >= 0 && r.Index < len(ids):
		return read(ids[r.Index]), false
	case r.Index == spec.NoIndex && len(ids) == 1:
		return read(ids[0]), false
	}
	c.failf("reference %s does not match the instances of %s", r, r.To)
	return nil, false
}

// dataRef reads a data source: SSM AMI parameters, availability zones,
// pseudo parameters, and policy documents inlined as JSON objects.
func (c *conv) dataRef(target *spec.Resource, r *spec.Ref) (any, bool) {
	switch r.To.Type {
	case "aws_ami":
		if r.Attr == "id" || r.Attr == "image_id" {
			return ref(c.r.ids[r.To][0]), false
		}
	case "aws_availability_zones":
		if r.Attr == "names" {
			return map[string]any{"Fn::GetAZs": ""}, true
		}
		if n, ok := strings.CutPrefix(r.Attr, "names."); ok {
			if i, err := strconv.Atoi(n); err == nil {
				return map[string]any{"Fn::Select": []any{i, map[string]any{"Fn::GetAZs": ""}}}, false
			}
		}
	case "aws_vpc":
		if r.Attr == "id" {
			return ref(c.r.ids[r.To][0]), false
		}
	case "aws_subnets":
		if r.Attr == "ids" {
			return ref(c.r.ids[r.To][0]), true
		}
		if n, ok := strings.CutPrefix(r.Attr, "ids."); ok {
			if i, err := strconv.Atoi(n); err == nil {
				return map[string]any{"Fn::Select": []any{i, ref(c.r.ids[r.To][0])}}, false
			}
		}
	case "aws_caller_identity":
		if r.Attr == "account_id" {
			return pseudo("AWS::AccountId"), false
		}
	case "aws_region":
		if r.Attr == "name" || r.Attr == "id" || r.Attr == "region" {
			return pseudo("AWS::Region"), false
		}
	case "aws_partition":
		if r.Attr == "partition" {
			return pseudo("AWS::Partition"), false
		}
	case "aws_iam_policy_document":
		if r.Attr == "json" || r.Attr == "minified_json" {
			return c.policyDocument(target), false
		}
	}
	c.failf("refers to %s.%s: CloudFormation has no equivalent of that data source attribute", r.To, r.Attr)
	return nil, false
}

// literal reports whether v holds no reference: its value is known now.
func literal(v spec.Value) bool {
	switch v.Kind {
	case spec.KindString, spec.KindNumber, spec.KindBool:
		return true
	case spec.KindList:
		for _, e := range v.List {
			if !literal(e) {
				return false
			}
		}
		return true
	}
	return false
}

// literalBucketARN spells the ARN of a bucket whose name is a literal
// without referring to the bucket, so that what the bucket waits for (the
// Lambda permission of its notifications) may name it without a circular
// dependency.
func literalBucketARN(target *spec.Resource, r *spec.Ref) (any, bool) {
	if r.To.Type != "aws_s3_bucket" || r.Attr != "arn" || target.Counted() {
		return nil, false
	}
	name, ok := target.Body.Get("bucket")
	if !ok || name.Kind != spec.KindString {
		return nil, false
	}
	return joinAll("", "arn:", pseudo("AWS::Partition"), ":s3:::", name.Str), true
}
