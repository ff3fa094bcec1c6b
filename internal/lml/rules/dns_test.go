package rules

import "testing"

func TestDNSAndCDN(t *testing.T) {
	runAppCases(t, []appCase{
		{name: "zone with A and TTL", prompt: "Route 53 hosted zone acme.io with an A record for api pointing to 203.0.113.20 with a TTL of 60",
			want: []appWant{
				{"aws_route53_zone", 1, map[string]string{"name": "acme.io"}},
				{"aws_route53_record", 1, map[string]string{"type": "A", "name": "api.acme.io", "records": "203.0.113.20", "ttl": "60",
					"zone_id": "aws_route53_zone.acme_io.zone_id"}},
			}},
		{name: "existing zone cname", prompt: "add a CNAME docs.example.com -> acme.netlify.app in hosted zone Z3ABCDEF123456",
			want:   []appWant{{"aws_route53_record", 1, map[string]string{"type": "CNAME", "zone_id": "Z3ABCDEF123456", "records": "acme.netlify.app", "name": "docs.example.com"}}},
			absent: []string{"aws_route53_zone"}},
		{name: "mx priorities", prompt: "DNS zone mail.example.org with MX records 10 mx-a.example.org and 20 mx-b.example.org",
			want: []appWant{{"aws_route53_record", 1, map[string]string{"type": "MX", "records": "10 mx-a.example.org,20 mx-b.example.org"}}}},
		{name: "aaaa record", prompt: "zone example.io plus an AAAA record for www at 2001:db8:0:1::5",
			want: []appWant{{"aws_route53_record", 1, map[string]string{"type": "AAAA", "name": "www.example.io", "records": "2001:db8:0:1::5"}}}},
		{name: "txt record before its name", prompt: `zone example.org, TXT record "google-site-verification=abc123 xyz" on the root`,
			want: []appWant{{"aws_route53_record", 1, map[string]string{"type": "TXT", "name": "example.org", "records": "google-site-verification=abc123 xyz"}}}},
		{name: "private zone", prompt: "a private hosted zone corp.internal in a new VPC 10.20.0.0/16",
			want: []appWant{{"aws_route53_zone", 1, map[string]string{"name": "corp.internal", "vpc.vpc_id": "~aws_vpc."}}}},
		{name: "cdn default cert", prompt: "put CloudFront in front of an S3 bucket, all edge locations",
			want: []appWant{
				{"aws_cloudfront_distribution", 1, map[string]string{"price_class": "PriceClass_All", "viewer_certificate.cloudfront_default_certificate": "true",
					"default_cache_behavior.viewer_protocol_policy": "redirect-to-https"}},
				{"aws_cloudfront_origin_access_control", 1, nil}, {"aws_s3_bucket", 1, nil}, {"aws_s3_bucket_policy", 1, nil},
			}},
		{name: "cdn cert in us-east-1 from another region", prompt: "static website docs.example.com on S3 and CloudFront in Frankfurt",
			want: []appWant{
				{"aws_acm_certificate", 1, map[string]string{"domain_name": "docs.example.com"}},
				{"aws_cloudfront_distribution", 1, map[string]string{"aliases": "docs.example.com", "viewer_certificate.acm_certificate_arn": "~aws_acm_certificate."}},
			}},
	})
}
