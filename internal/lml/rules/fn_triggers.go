package rules

import (
	"regexp"
	"slices"
	"strings"

	"github.com/syncloud/syncloud/internal/spec"
)

var uploadWords = []string{"upload", "uploaded", "uploads", "uploading", "land", "lands", "landing", "arrive",
	"arrives", "dropped", "drop", "drops", "put", "created", "added", "written", "new"}

// linkBucketTriggers lets S3 invoke the function for the bucket
// notifications that name it, and makes the notification when the storage
// family did not ("every time a .jpg is uploaded to bucket X, run ...").
func (a *appState) linkBucketTriggers(c *Ctx, fn fnRec) {
	notes := c.Stack.OfType("aws_s3_bucket_notification")
	if len(notes) == 0 {
		if b := c.First("aws_s3_bucket"); b != nil && c.T.Has(uploadWords...) && c.T.Has("object", "objects", "file", "files", "upload", "uploaded", "uploads", "image", "images", "photo", "photos") {
			a.bucketNotification(c, fn, b.Addr())
			notes = c.Stack.OfType("aws_s3_bucket_notification")
		}
	}
	for _, n := range notes {
		for _, lf := range n.Body.BlocksOf("lambda_function") {
			v, ok := lf.Get("lambda_function_arn")
			if !ok || v.Kind != spec.KindRef || v.Ref.To != fn.addr {
				continue
			}
			b, ok := n.Body.Get("bucket")
			if !ok || b.Kind != spec.KindRef || dependsOnType(n, "aws_lambda_permission") {
				continue
			}
			src := spec.RefTo(b.Ref.To, "arn")
			perm := c.allowInvoke(fn.addr, "s3", "s3.amazonaws.com", &src)
			n := c.Stack.Find(n.Addr())
			n.DependsOn = append(n.DependsOn, perm)
			c.Understand("S3 bucket %s may invoke function %s", b.Ref.To.Name, fn.addr.Name)
			break
		}
	}
}

var suffixRe = regexp.MustCompile(`^\*?\.[a-z0-9]{1,8}$`)

// bucketNotification invokes the function when objects are created in the
// bucket, filtered by a suffix (".jpg", "jpg files", "a CSV", "new PNGs") or
// prefix ("uploads/").
func (a *appState) bucketNotification(c *Ctx, fn fnRec, bucket spec.Address) {
	t := c.T
	n := spec.Resource{Type: "aws_s3_bucket_notification", Name: bucket.Name}
	n.Body.Set("bucket", spec.RefTo(bucket, "id"))
	lf := n.Body.AddBlock("lambda_function")
	lf.Set("lambda_function_arn", spec.RefTo(fn.addr, "arn"))
	events := "s3:ObjectCreated:*"
	if t.Has("deleted", "removed") {
		events = "s3:ObjectRemoved:*"
	}
	lf.Set("events", spec.Strings(events))
	for i := 0; i < t.Len(); i++ {
		switch w := t.Norm(i); {
		case suffixRe.MatchString(w):
			lf.Set("filter_suffix", spec.String(strings.TrimPrefix(w, "*")))
			c.Claim(i, i+1)
		case fileKindAt(t, i) != "":
			lf.Set("filter_suffix", spec.String(fileKindAt(t, i)))
		case strings.HasSuffix(t.Raw(i), "/") && len(w) > 1 && t.Near(i, 3, "prefix", "folder", "under", "path") >= 0:
			lf.Set("filter_prefix", spec.String(strings.TrimPrefix(t.Raw(i), "/")))
		}
	}
	c.Add(n)
	c.Understand("S3 bucket %s notifies function %s on %s", bucket.Name, fn.addr.Name, events)
}

// fileKindAt reads a file type named as a word at i and returns its suffix:
// "CSV files", "jpg images", "a CSV", "each PNG", "new PDFs" (".csv").
func fileKindAt(t *Text, i int) string {
	w := t.Norm(i)
	one := strings.TrimSuffix(w, "s")
	switch {
	case t.Is(i, fileKinds...) && t.Is(i+1, "file", "files", "image", "images", "photo", "photos", "objects", "uploads",
		"documents", "exports", "reports"):
	case slices.Contains(fileKinds, w) && t.Is(i-1, "a", "an", "each", "every", "new", "any"):
	case one != w && slices.Contains(fileKinds, one) && t.Is(i-1, "new", "any", "all", "the", "when", "whenever"):
		w = one
	default:
		return ""
	}
	return "." + w
}

var envNameRe = regexp.MustCompile(`^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$`)

// linkFunctionEnvRefs passes names of other resources to the function
// ("pass the table name to the function as TABLE_NAME") and lets it use
// them ("reads and writes a DynamoDB table").
func (a *appState) linkFunctionEnvRefs(c *Ctx, fn fnRec) {
	t := c.T
	body := &c.Res(fn.addr).Body
	vars := map[string]spec.Value{}
	if env := body.Block("environment"); env != nil {
		if v, ok := env.Get("variables"); ok {
			for _, e := range v.Map {
				vars[e.Key] = e.Value
			}
		}
	}
	added := false
	for i := 0; i < t.Len(); i++ {
		if !envNameRe.MatchString(t.Raw(i)) || c.Claimed(i) {
			continue
		}
		if v, ok := a.envValueFor(c, i); ok {
			vars[t.Raw(i)] = v
			c.Claim(i, i+1)
			added = true
		}
	}
	if added {
		body.EnsureBlock("environment").Set("variables", spec.Map(vars))
	}
	if tbl := c.First("aws_dynamodb_table"); tbl != nil && (!c.Prior(tbl.Addr()) || c.T.Has("table", "tables", "dynamodb")) {
		a.grantTable(c, fn, tbl.Addr())
	}
	a.grantBuckets(c, fn)
}

// envValueFor finds what the variable at i names: the nearest table,
// bucket, queue or topic mentioned before it.
func (a *appState) envValueFor(c *Ctx, i int) (spec.Value, bool) {
	t := c.T
	for k := i - 1; k >= 0 && k >= i-16; k-- {
		switch {
		case t.Is(k, "table") && c.First("aws_dynamodb_table") != nil:
			return spec.RefTo(c.First("aws_dynamodb_table").Addr(), "name"), true
		case t.Is(k, "bucket") && c.First("aws_s3_bucket") != nil:
			return spec.RefTo(c.First("aws_s3_bucket").Addr(), "bucket"), true
		case t.Is(k, "queue") && len(a.queues) > 0:
			return spec.RefTo(a.queues[0].addr, "url"), true
		case t.Is(k, "topic") && len(a.topics) > 0:
			return spec.RefTo(a.topics[0].addr, "arn"), true
		}
	}
	return spec.Value{}, false
}

// grantTable lets the function read and write a DynamoDB table it uses.
func (a *appState) grantTable(c *Ctx, fn fnRec, tbl spec.Address) {
	if !c.T.Has("read", "reads", "write", "writes", "access", "accesses", "store", "stores", "query", "queries", "crud", "uses", "goes", "save", "saves") {
		return
	}
	actions := []string{"dynamodb:GetItem", "dynamodb:Query", "dynamodb:Scan", "dynamodb:BatchGetItem"}
	if !c.T.HasPhrase("read only", "read-only", "readonly") {
		actions = append(actions, "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem")
	}
	c.roleInlinePolicy(fn.role, fn.addr.Name+"_table", "table-access-",
		Statement{Actions: actions, Resources: []spec.Value{spec.RefTo(tbl, "arn")}})
	c.Understand("function %s may read and write table %s", fn.addr.Name, tbl.Name)
}

// dependsOnType reports whether r already depends on a resource of a type
// (the storage family grants S3 its invoke permission itself).
func dependsOnType(r *spec.Resource, typ string) bool {
	for _, d := range r.DependsOn {
		if d.Type == typ {
			return true
		}
	}
	return false
}

// grantBuckets lets the function read objects from the first bucket (where
// uploads land) and write to the others ("writes thumbnails into a second
// bucket"), or to the same bucket when there is one.
func (a *appState) grantBuckets(c *Ctx, fn fnRec) {
	bs := c.Stack.OfType("aws_s3_bucket")
	if len(bs) > 0 && c.Prior(bs[0].Addr()) && !c.T.Has("bucket", "buckets", "s3") {
		return // an earlier turn's buckets, which this request does not name
	}
	if len(bs) == 0 || !c.T.Has("write", "writes", "writing", "store", "stores", "put", "puts", "save", "saves", "copy",
		"copies", "resize", "resizes", "thumbnail", "thumbnails", "read", "reads", "process", "processes") {
		return
	}
	stmts := []Statement{{Sid: "ReadSource", Actions: []string{"s3:GetObject"}, Resources: []spec.Value{spec.String(bucketArnGlob(bs[0]) + "/*")}}}
	var dest []spec.Value
	for _, b := range bs[1:] {
		dest = append(dest, spec.String(bucketArnGlob(b)+"/*"))
	}
	if len(dest) == 0 && c.T.Has("write", "writes", "store", "stores", "put", "puts", "save", "saves") {
		dest = append(dest, spec.String(bucketArnGlob(bs[0])+"/*"))
	}
	if len(dest) > 0 {
		stmts = append(stmts, Statement{Sid: "WriteResults", Actions: []string{"s3:PutObject"}, Resources: dest})
	}
	c.roleInlinePolicy(fn.role, fn.addr.Name+"_buckets", "bucket-access-", stmts...)
	c.Understand("function %s may read uploads and write results in S3", fn.addr.Name)
}
