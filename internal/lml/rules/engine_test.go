package rules

import (
	"context"
	"errors"
	"testing"

	"github.com/syncloud/syncloud/internal/lml"
)

// TestQuestionsAreRefused checks that questions behind a polite opening
// are refused, and requests behind one are not.
func TestQuestionsAreRefused(t *testing.T) {
	tests := []struct {
		prompt  string
		refused bool
	}{
		{"could you please explain how SQS visibility timeouts work?", true},
		{"hi, can you summarize what our KMS keys cost", true},
		{"please estimate the price of a db.r6g.large", true},
		{"could you suggest which DynamoDB billing mode we should use?", true},
		{"can you create a bucket called notes-archive-3", false},
		{"please, a queue named jobs", false},
	}
	for _, tt := range tests {
		t.Run(tt.prompt, func(t *testing.T) {
			_, err := Engine{}.Draft(context.Background(), lml.Request{Prompt: tt.prompt})
			var nothing *lml.NothingError
			if got := errors.As(err, &nothing); got != tt.refused {
				t.Errorf("refused = %v, want %v (err %v)", got, tt.refused, err)
			}
		})
	}
}

// TestRegionFromARNs checks that a stack pointing at regional ARNs goes to
// their region when the prompt names none.
func TestRegionFromARNs(t *testing.T) {
	tests := []struct{ prompt, region string }{
		{"secret billing/token, rotate it monthly with arn:aws:lambda:ap-south-1:111122223333:function:rot", "ap-south-1"},
		{"in Oregon, alarm to arn:aws:sns:eu-west-1:111122223333:ops when CPU of i-0123456789abcdef0 is above 70%", "us-west-2"},
		{"IAM role with a policy on arn:aws:s3:::reports-bucket", "us-east-1"},
		{"queue that sends to arn:aws:sns:eu-west-1:111122223333:a and arn:aws:sns:us-east-2:111122223333:b", "us-east-1"},
	}
	for _, tt := range tests {
		t.Run(tt.prompt, func(t *testing.T) {
			if got := draftStack(t, tt.prompt).Region; got != tt.region {
				t.Errorf("region = %q, want %q", got, tt.region)
			}
		})
	}
}

func TestNotARequest(t *testing.T) {
	for prompt, want := range map[string]bool{
		"why is my web server so slow?":                        true,
		"should we run our API on a t3.large or an m5.large?":  true,
		"do I need two NAT gateways for three private subnets": false,
		"which routers does a transit gateway replace?":        true,
		"what does the scheduler of an ASG do":                 true,
		"how do I launch two t3.small servers":                 false,
		"which is easier: can you deploy a lambda for me":      false,
		"what I need is a VPC with two public subnets":         false,
		"should you want it, serve the site from CloudFront":   false,
	} {
		if _, got := notARequest(Tokenize(prompt)); got != want {
			t.Errorf("notARequest(%q) = %v, want %v", prompt, got, want)
		}
	}
}
