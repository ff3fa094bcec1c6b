package rules

import (
	"hash/fnv"
	"strconv"
	"strings"

	"github.com/syncloud/syncloud/internal/spec"
)

// Glue: a Data Catalog database ("a Glue catalog database named lake") and
// a crawler over a bucket of the prompt ("a Glue crawler over the raw
// bucket running daily"), with the role Glue assumes to read it.

func glueFamily() family {
	return family{name: "glue", stage: stageData, declare: declareGlue}
}

func declareGlue(c *Ctx) {
	g := c.T.Find(0, "glue")
	if g < 0 || c.T.Find(0, "database", "catalog", "databases", "crawler", "crawlers", "db") < 0 {
		return // other Glue resources (jobs, triggers) are left to the long tail
	}
	c.Claim(g, g+1)
	var db spec.Address
	hasDB := false
	if i := c.T.Find(0, "database", "catalog", "databases", "db"); i >= 0 {
		db, hasDB = c.glueDatabase(i), true
	}
	if i := c.T.Find(0, "crawler", "crawlers"); i >= 0 {
		if !hasDB {
			db = c.glueDatabase(i)
		}
		c.glueCrawler(i, db)
	}
}

func (c *Ctx) glueDatabase(i int) spec.Address {
	for c.T.Is(i+1, "database", "catalog") {
		i++
	}
	c.Claim(i-1, i+1)
	name := "datalake"
	if raw, k, ok := c.T.dataName(i, false); ok {
		name = strings.ToLower(ResourceName(raw, 255))
		c.Claim(k, k+1)
	} else {
		c.Assume("aws_glue_catalog_database.name", "no database name given: %q", name)
	}
	d := spec.Resource{Type: "aws_glue_catalog_database", Name: name}
	d.Body.Set("name", spec.String(strings.ReplaceAll(name, "-", "_")))
	addr := c.Add(d)
	c.Understand("Glue catalog database %s", addr)
	return addr
}

// glueSchedules maps frequency words to Glue cron expressions.
var glueSchedules = []struct{ word, unit, cron string }{
	{"hourly", "hour", "cron(0 * * * ? *)"}, {"daily", "day", "cron(0 2 * * ? *)"},
	{"nightly", "night", "cron(0 2 * * ? *)"}, {"weekly", "week", "cron(0 2 ? * SUN *)"},
	{"monthly", "month", "cron(0 2 1 * ? *)"},
}

func (c *Ctx) glueCrawler(i int, db spec.Address) {
	c.Claim(i, i+1)
	bucket, ok := c.crawlerBucket(i)
	if !ok {
		c.Unplaced("Glue crawler (no S3 bucket to crawl)")
		return
	}
	name := c.glueBucketName(bucket)
	role := c.ServiceRole("glue_crawler", "glue.amazonaws.com", ManagedPolicyARN("service-AWSGlueServiceRole"))
	doc := c.PolicyDocument("glue_crawler_read", Statement{
		Actions:   []string{"s3:GetObject", "s3:ListBucket"},
		Resources: []spec.Value{spec.RefTo(bucket, "arn"), spec.String("arn:aws:s3:::" + name + "/*")},
	})
	pol := spec.Resource{Type: "aws_iam_role_policy", Name: "glue_crawler_read"}
	pol.Body.Set("role", spec.RefTo(role, "id"))
	pol.Body.Set("policy", spec.RefTo(doc, "json"))
	c.Add(pol)
	cr := spec.Resource{Type: "aws_glue_crawler", Name: bucket.Name}
	cr.Body.Set("name", spec.String(ResourceName(bucket.Name+"-crawler", 255)))
	cr.Body.Set("database_name", spec.RefTo(db, "name"))
	cr.Body.Set("role", spec.RefTo(role, "arn"))
	cr.Body.AddBlock("s3_target").Set("path", spec.String("s3://"+name+"/"))
	c.crawlerSchedule(&cr.Body)
	addr := c.Add(cr)
	c.Understand("Glue crawler %s over s3://%s/", addr, name)
}

func (c *Ctx) crawlerSchedule(b *spec.Body) {
	for _, s := range glueSchedules {
		if k := c.T.Find(0, s.word); k >= 0 {
			c.Claim(k, k+1)
			b.Set("schedule", spec.String(s.cron))
			return
		}
	}
	for _, s := range glueSchedules {
		if c.T.HasPhrase("every|each|once|a|per|at "+s.unit, "once a "+s.unit) {
			b.Set("schedule", spec.String(s.cron))
			return
		}
	}
}

// crawlerBucket picks the bucket named near the crawler ("over the raw
// bucket"), or the first bucket.
func (c *Ctx) crawlerBucket(i int) (spec.Address, bool) {
	bs := c.Stack.OfType("aws_s3_bucket")
	if len(bs) == 0 {
		return spec.Address{}, false
	}
	if k := c.T.Find(i, "bucket", "buckets"); k >= 0 && k < i+8 {
		for _, b := range bs {
			if b.Name == LocalName(c.T.Norm(k-1)) {
				return b.Addr(), true
			}
		}
	}
	return bs[0].Addr(), true
}

// glueBucketName returns the bucket's literal name, turning a name prefix
// into a fixed name (derived from the prompt, so output stays the same for
// the same request) because a crawler's path must be a literal.
func (c *Ctx) glueBucketName(a spec.Address) string {
	r := c.Res(a)
	if v, ok := r.Body.Get("bucket"); ok && v.Kind == spec.KindString {
		return v.Str
	}
	prefix, _ := r.Body.Get("bucket_prefix")
	h := fnv.New32a()
	h.Write([]byte(c.T.Prompt))
	name := BucketName(prefix.Str + strconv.FormatUint(uint64(h.Sum32()), 36))
	r.Body.Unset("bucket_prefix")
	r.Body.Set("bucket", spec.String(name))
	c.Assume(a.String()+".bucket", "the crawler needs the bucket's name: %q", name)
	return name
}
