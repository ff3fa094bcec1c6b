package rules

import "testing"

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
