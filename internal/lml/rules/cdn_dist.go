package rules

import (
	"strings"

	"github.com/syncloud/syncloud/internal/spec"
)

// cachingOptimized is the ID of CloudFront's managed CachingOptimized cache
// policy, the same in every account.
const cachingOptimized = "658327ea-f89d-4fab-a63d-7e88639e58f6"

// declareCDN places a CloudFront distribution in front of an S3 bucket
// (the storage family's, or a new one) with origin access control.
func (a *appState) declareCDN(c *Ctx) {
	if c.T.Find(0, "cloudfront", "cdn") < 0 {
		return
	}
	c.claimWords("cloudfront", "cdn", "distribution")
	bucket := a.cdnBucket(c)
	oac := cdnOriginAccess(c, bucket)
	d := spec.Resource{Type: "aws_cloudfront_distribution", Name: "site"}
	d.Body.Set("enabled", spec.Bool(true))
	d.Body.Set("is_ipv6_enabled", spec.Bool(true))
	d.Body.Set("default_root_object", spec.String(a.rootObject(c)))
	d.Body.Set("price_class", spec.String(priceClass(c)))
	aliases := a.cdnAliases(c)
	if len(aliases) > 0 {
		d.Body.Set("aliases", spec.Strings(aliases...))
	}
	o := d.Body.AddBlock("origin")
	o.Set("domain_name", spec.RefTo(bucket, "bucket_regional_domain_name"))
	o.Set("origin_id", spec.String("s3"))
	o.Set("origin_access_control_id", spec.RefTo(oac, "id"))
	cdnCacheBehavior(c, d.Body.AddBlock("default_cache_behavior"))
	d.Body.AddBlock("restrictions").AddBlock("geo_restriction").Set("restriction_type", spec.String("none"))
	a.cdnViewerCertificate(c, d.Body.AddBlock("viewer_certificate"), aliases)
	addr := c.Add(d)
	a.cdn = &addr
	a.cdnBucketPolicy(c, bucket, addr)
	c.Understand("CloudFront distribution in front of bucket %s with origin access control", bucket.Name)
}

// cdnOriginAccess adds the origin access control CloudFront signs bucket
// requests with.
func cdnOriginAccess(c *Ctx, bucket spec.Address) spec.Address {
	oac := spec.Resource{Type: "aws_cloudfront_origin_access_control", Name: bucket.Name}
	oac.Body.Set("name", spec.String(ResourceName(bucket.Name, 60)+"-oac"))
	oac.Body.Set("description", spec.String("CloudFront access to the "+bucket.Name+" bucket"))
	oac.Body.Set("origin_access_control_origin_type", spec.String("s3"))
	oac.Body.Set("signing_behavior", spec.String("always"))
	oac.Body.Set("signing_protocol", spec.String("sigv4"))
	return c.Add(oac)
}

// cdnCacheBehavior serves GET and HEAD from the bucket with the managed
// CachingOptimized policy.
func cdnCacheBehavior(c *Ctx, b *spec.Body) {
	b.Set("target_origin_id", spec.String("s3"))
	b.Set("viewer_protocol_policy", spec.String(viewerPolicy(c)))
	b.Set("allowed_methods", spec.Strings("GET", "HEAD"))
	b.Set("cached_methods", spec.Strings("GET", "HEAD"))
	b.Set("cache_policy_id", spec.String(cachingOptimized))
	b.Set("compress", spec.Bool(true))
}

// cdnViewerCertificate uses an ACM certificate for the aliases, or
// CloudFront's own certificate without them.
func (a *appState) cdnViewerCertificate(c *Ctx, vc *spec.Body, aliases []string) {
	if len(aliases) == 0 {
		vc.Set("cloudfront_default_certificate", spec.Bool(true))
		return
	}
	cert := a.cdnCertificate(c, aliases)
	vc.Set("acm_certificate_arn", spec.RefTo(cert, "arn"))
	vc.Set("ssl_support_method", spec.String("sni-only"))
	vc.Set("minimum_protocol_version", spec.String("TLSv1.2_2021"))
}

// cdnBucket returns the bucket to serve: the first one in the stack, or a
// new private bucket for the site.
func (a *appState) cdnBucket(c *Ctx) spec.Address {
	if b := c.First("aws_s3_bucket"); b != nil {
		return b.Addr()
	}
	r := spec.Resource{Type: "aws_s3_bucket", Name: "site"}
	r.Body.Set("bucket_prefix", spec.String("site-"))
	c.Assume("aws_s3_bucket.site.bucket_prefix", "a private bucket for the site's files, named with the prefix \"site-\"")
	return c.Add(r)
}

// rootObject reads "default root object index.html", or assumes index.html.
func (a *appState) rootObject(c *Ctx) string {
	for i := 0; i < c.T.Len(); i++ {
		if n := c.T.Norm(i); strings.HasSuffix(n, ".html") || strings.HasSuffix(n, ".htm") {
			if c.T.Near(i, 4, "root", "index", "default") >= 0 {
				c.Claim(i, i+1)
				return c.T.Raw(i)
			}
		}
	}
	c.Assume("aws_cloudfront_distribution.site.default_root_object", "the site's root page is index.html")
	return "index.html"
}

// priceClass reads "PriceClass_100", "price class 200", "cheapest" or "all
// edge locations".
func priceClass(c *Ctx) string {
	t := c.T
	for i := 0; i < t.Len(); i++ {
		n := t.Norm(i)
		switch {
		case strings.HasPrefix(n, "priceclass_"):
			c.Claim(i, i+1)
			if v := n[len("priceclass_"):]; v == "100" || v == "200" {
				return "PriceClass_" + v
			}
			return "PriceClass_All"
		case t.Is(i, "price") && t.Is(i+1, "class"):
			if v := t.Norm(i + 2); v == "100" || v == "200" || v == "all" {
				c.Claim(i, i+3)
				if v == "all" {
					return "PriceClass_All"
				}
				return "PriceClass_" + v
			}
		}
	}
	if t.Has("cheapest", "cheap", "cheaper") || t.HasPhrase("north america and europe") {
		return "PriceClass_100"
	}
	if t.HasPhrase("all edge locations", "worldwide", "global", "globally") {
		return "PriceClass_All"
	}
	c.Assume("aws_cloudfront_distribution.site.price_class", "edge locations in North America and Europe only (PriceClass_100), the cheapest")
	return "PriceClass_100"
}

// viewerPolicy is redirect-to-https unless the prompt asks for HTTPS only.
func viewerPolicy(c *Ctx) string {
	if c.T.HasPhrase("https only", "only https", "https-only") {
		return "https-only"
	}
	return "redirect-to-https"
}

// cdnAliases returns the domain names the site is served on: named domains
// ("www.example.com"), with "apex and www" adding both forms.
func (a *appState) cdnAliases(c *Ctx) []string {
	var out []string
	seen := map[string]bool{}
	add := func(d string) {
		if !seen[d] {
			seen[d] = true
			out = append(out, d)
		}
	}
	for _, d := range c.T.Domains() {
		if c.T.Is(d.At-1, "bucket") || strings.HasSuffix(d.Value, ".html") {
			continue
		}
		add(d.Value)
		c.Claim(d.At, d.At+1)
	}
	if len(out) == 1 && c.T.Has("www") && c.T.Has("apex", "root", "naked", "bare") && !strings.HasPrefix(out[0], "www.") {
		add("www." + out[0])
	}
	return out
}
