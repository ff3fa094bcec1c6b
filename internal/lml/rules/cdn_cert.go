package rules

import (
	"github.com/syncloud/syncloud/internal/spec"
)

// cdnCertificate returns an ACM certificate for the site's domains in
// us-east-1, where CloudFront reads certificates, through a provider alias
// when the stack lives elsewhere.
func (a *appState) cdnCertificate(c *Ctx, domains []string) spec.Address {
	provider := ""
	if c.Region() != "us-east-1" {
		provider = "us_east_1"
		found := false
		for _, al := range c.Stack.Aliases {
			found = found || al.Name == provider
		}
		if !found {
			c.Stack.Aliases = append(c.Stack.Aliases, spec.Alias{Name: provider, Region: "us-east-1"})
		}
		c.Understand("ACM certificate in us-east-1 (CloudFront reads certificates only there)")
	}
	c.claimWords("acm", "certificate", "cert", "https", "tls", "ssl")
	return c.appCertificate(domains[0], domains[1:], provider)
}

// appCertificate returns the ACM certificate for a domain, adding one
// validated by DNS if the stack has none for it yet.
func (c *Ctx) appCertificate(domain string, sans []string, provider string) spec.Address {
	for _, r := range c.Stack.OfType("aws_acm_certificate") {
		if v, ok := r.Body.Get("domain_name"); ok && v.Str == domain && r.Provider == provider {
			return r.Addr()
		}
	}
	r := spec.Resource{Type: "aws_acm_certificate", Name: domain, Provider: provider}
	r.Body.Set("domain_name", spec.String(domain))
	if len(sans) > 0 {
		r.Body.Set("subject_alternative_names", spec.Strings(sans...))
	}
	method := c.certValidation()
	r.Body.Set("validation_method", spec.String(method))
	addr := c.Add(r)
	if method == "DNS" {
		c.Assume(addr.String()+".validation_method", "the certificate is validated by DNS: add the validation records ACM shows to the domain's zone")
	}
	c.Understand("ACM certificate for %s (%s validation)", domain, method)
	return addr
}

// certValidation reads how the user wants ACM to validate a certificate:
// "EMAIL" when e-mail is said next to validation ("validated by email",
// "email validation", "e-mail-validated"), else "DNS", ACM's recommended
// method.
func (c *Ctx) certValidation() string {
	t := c.T
	for _, k := range t.FindAll("validation", "validate", "validated", "validating", "verification", "verified") {
		for j := k - 2; j <= k+3; j++ {
			if j != k && t.Is(j, "email", "e-mail", "mail") {
				c.Claim(j, j+1)
				c.Claim(k, k+1)
				return "EMAIL"
			}
		}
	}
	for _, k := range t.FindAll("email-validated", "e-mail-validated", "email-validation") {
		c.Claim(k, k+1)
		return "EMAIL"
	}
	return "DNS"
}

// bucketArnGlob returns an ARN pattern matching the bucket: its literal ARN,
// or its name prefix followed by *.
func bucketArnGlob(r *spec.Resource) string {
	if v, ok := r.Body.Get("bucket"); ok && v.Kind == spec.KindString {
		return "arn:aws:s3:::" + v.Str
	}
	if v, ok := r.Body.Get("bucket_prefix"); ok && v.Kind == spec.KindString {
		return "arn:aws:s3:::" + v.Str + "*"
	}
	return "arn:aws:s3:::*"
}

// cdnBucketPolicy lets only this distribution read the bucket's objects.
func (a *appState) cdnBucketPolicy(c *Ctx, bucket, dist spec.Address) {
	glob := bucketArnGlob(c.Res(bucket))
	d := spec.Resource{Mode: spec.Data, Type: "aws_iam_policy_document", Name: bucket.Name + "_cdn"}
	s := d.Body.AddBlock("statement")
	s.Set("sid", spec.String("AllowCloudFrontRead"))
	s.Set("effect", spec.String("Allow"))
	s.Set("actions", spec.Strings("s3:GetObject"))
	s.Set("resources", spec.Strings(glob+"/*"))
	p := s.AddBlock("principals")
	p.Set("type", spec.String("Service"))
	p.Set("identifiers", spec.Strings("cloudfront.amazonaws.com"))
	cd := s.AddBlock("condition")
	cd.Set("test", spec.String("StringEquals"))
	cd.Set("variable", spec.String("AWS:SourceArn"))
	cd.Set("values", spec.List(spec.RefTo(dist, "arn")))
	doc := c.Add(d)
	for _, existing := range c.Stack.OfType("aws_s3_bucket_policy") {
		if v, ok := existing.Body.Get("bucket"); ok && v.Kind == spec.KindRef && v.Ref.To == bucket {
			c.Unplaced("a second policy for bucket " + bucket.Name + " (it already has one); CloudFront read access needs merging by hand")
			return
		}
	}
	bp := spec.Resource{Type: "aws_s3_bucket_policy", Name: bucket.Name}
	bp.Body.Set("bucket", spec.RefTo(bucket, "id"))
	bp.Body.Set("policy", spec.RefTo(doc, "json"))
	c.Add(bp)
}
