package rules

import (
	"github.com/syncloud/syncloud/internal/spec"
)

// Edits of settings on resources already in the stack.

// offWords turn a setting off when they stand in its clause.
var offWords = []string{"off", "disable", "disabled", "suspend", "suspended", "stop", "no", "without",
	"remove", "drop", "delete", "not", "single-az", "deactivate", "pause", "paused"}

// target resolves the resources a settings clause is about: the one it
// names, or the only resource of those types when it names none. It records
// the reason as unplaced and returns nil when there is no single answer.
func (c *Ctx) target(s, e int, what string, types ...string) []spec.Address {
	if r, ok := c.refIn(s, e, types...); ok {
		if r.why != "" {
			c.Unplaced(c.T.Span(s, e) + ": " + r.why)
			return nil
		}
		return r.addrs
	}
	if other, named := c.refIn(s, e); named {
		c.Unplaced(c.T.Span(s, e) + ": " + c.T.Norm(other.noun) + " is not a " + what)
		return nil
	}
	all := c.ofTypes(types)
	if len(all) != 1 {
		c.Unplaced(c.T.Span(s, e) + ": say which " + what)
		return nil
	}
	return []spec.Address{all[0].Addr()}
}

// editVersioning turns bucket versioning on or off: "add versioning to the
// logs bucket", "turn off versioning on the logs bucket".
func editVersioning(c *Ctx, s, e int) bool {
	at := c.T.findIn(s, e, "versioning", "versioned")
	if at < 0 {
		return false
	}
	if r, ok := c.refIn(s, e, "aws_s3_bucket"); !ok && len(c.Stack.OfType("aws_s3_bucket")) == 0 {
		return false
	} else if !ok && c.T.findIn(s, e, "bucket") >= 0 {
		return false // "a new bucket with versioning" is the S3 family's
	} else if ok && r.why == "" && c.T.findIn(s, e, newDeterminers...) >= 0 && c.T.findIn(s, e, "add", "enable", "turn") < 0 {
		return false
	}
	on := c.T.findIn(s, e, offWords...) < 0
	for _, b := range c.target(s, e, "bucket", "aws_s3_bucket") {
		c.setVersioning(b, on)
	}
	return true
}

func (c *Ctx) setVersioning(bucket spec.Address, on bool) {
	status := "Suspended"
	if on {
		status = "Enabled"
	}
	for _, v := range c.Stack.OfType("aws_s3_bucket_versioning") {
		if refersTo(v.Body, bucket) {
			v.Body.EnsureBlock("versioning_configuration").Set("status", spec.String(status))
			c.Understand("changed %s status -> %s", v.Addr(), status)
			return
		}
	}
	if !on {
		c.Understand("versioning was already off on %s", bucket)
		return
	}
	c.enableVersioning(plannedFor(c.Res(bucket)))
}

// refersTo reports whether a body's "bucket" (or any top-level) attribute
// references addr.
func refersTo(b spec.Body, addr spec.Address) bool {
	for _, a := range b.Attrs {
		if a.Value.Kind == spec.KindRef && a.Value.Ref.To == addr {
			return true
		}
	}
	return false
}

// editMultiAZ turns a database's Multi-AZ deployment on or off.
func editMultiAZ(c *Ctx, s, e int) bool {
	at := c.T.findIn(s, e, "multi-az", "multiaz", "single-az")
	if at < 0 && c.T.Phrase(s, "multi az") < 0 {
		return false
	}
	if len(c.Stack.OfType("aws_db_instance")) == 0 {
		return false
	}
	on := c.T.findIn(s, e, offWords...) < 0
	for _, a := range c.target(s, e, "database", "aws_db_instance") {
		c.Res(a).Body.Set("multi_az", spec.Bool(on))
		c.Understand("changed %s multi_az -> %t", a, on)
	}
	return true
}
