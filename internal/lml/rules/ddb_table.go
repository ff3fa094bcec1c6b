package rules

import (
	"strings"

	"github.com/syncloud/syncloud/internal/spec"
)

// DynamoDB tables: keys and their types, billing (on-demand by default,
// or provisioned read/write units), TTL, streams, global secondary indexes,
// point-in-time recovery, encryption with a customer managed key, global
// tables (replicas in other regions), and the Terraform state lock table.

func ddbFamily() family {
	return family{name: "dynamodb", stage: stageData, declare: declareDynamoDB, link: linkStreams}
}

// ddbMentions returns the tokens asking for tables. In a stack that already
// holds DynamoDB tables (haveTables), a plain "table" is one more of them.
func ddbMentions(t *Text, haveTables bool) []int {
	var out []int
	for i := 0; i < t.Len(); i++ {
		switch {
		case t.Is(i, "table", "tables") && !t.Is(i-1, "route", "routing", "routes", "glue", "athena", "iceberg", "hive", "lookup") &&
			!dataContains([]string{"class", "classes", "name", "names"}, t.Norm(i+1)):
			if t.Is(i-1, referBack...) && len(out) > 0 || t.Is(i-1, "catalog") {
				continue
			}
			out = append(out, i)
		case t.Is(i, "dynamodb", "dynamo", "ddb") && t.Near(i, 4, "table", "tables") < 0:
			out = append(out, i)
		case t.Is(i, "database", "db", "store", "datastore") && t.Is(i-1, "nosql", "key-value", "key/value", "serverless"):
			if t.Is(i-1, "serverless") && !t.Has("nosql", "key-value") {
				continue
			}
			out = append(out, i)
		}
	}
	if len(out) > 0 && !haveTables && !t.Has("dynamodb", "dynamo", "ddb", "nosql", "key-value", "key/value") && !ddbWordsAround(t) {
		return nil
	}
	return out
}

// ddbWordsAround reports words that only DynamoDB tables take, for
// prompts that say "table" without "DynamoDB".
func ddbWordsAround(t *Text) bool {
	return t.HasPhrase("partition key", "hash key", "sort key", "range key", "keyed on|by", "pk", "on-demand",
		"pay-per-request", "read units|capacity", "state locking", "lock table", "global table", "primary key",
		"write units", "ttl", "point-in-time")
}

func declareDynamoDB(c *Ctx) {
	ms := ddbMentions(c.T, c.First("aws_dynamodb_table") != nil)
	for n, at := range ms {
		end := c.T.Len()
		if n+1 < len(ms) {
			end = ms[n+1]
		}
		start := 0
		if n > 0 {
			start = ms[n-1] + 1
		}
		c.Claim(at, at+1)
		if c.T.Is(at-1, "dynamodb", "dynamo", "ddb") {
			c.Claim(at-1, at)
		}
		if names := c.tableListNames(at); names != nil {
			for _, k := range names {
				c.addNamedTable(c.T.Raw(k), start, end)
			}
			continue
		}
		c.addTable(at, start, end)
	}
}

// tableListNames reads "tables users, orders and products" or "users and
// orders tables".
func (c *Ctx) tableListNames(at int) []int {
	if c.T.Norm(at) != "tables" {
		return nil
	}
	from := at + 1
	if c.T.Is(from, "named", "called", "for") || c.T.Toks[at].Break {
		from += boolInt(!c.T.Toks[at].Break)
	}
	ks := c.T.enumerationFrom(from)
	if ks == nil {
		last := at - 1
		if c.T.Is(last, "dynamodb", "dynamo", "ddb") {
			last--
		}
		ks = c.T.enumeration(last)
	}
	for _, k := range ks {
		c.Claim(k, k+1)
	}
	return ks
}

// addNamedTable adds one of several listed tables: the keys and settings
// written for the list apply to each.
func (c *Ctx) addNamedTable(name string, start, end int) {
	tb := spec.Resource{Type: "aws_dynamodb_table", Name: name}
	b := &tb.Body
	b.Set("name", spec.String(ResourceName(name, 255)))
	attrs := c.tableKeys(b, start, start, end)
	c.tableBilling(b, name)
	for _, a := range attrs {
		ab := b.AddBlock("attribute")
		ab.Set("name", spec.String(a.name))
		ab.Set("type", spec.String(a.typ))
	}
	c.tableFeatures(b)
	if c.existingTable(b) {
		return
	}
	addr := c.Add(tb)
	c.Understand("DynamoDB table %s (hash key %s)", addr, attrs[0].name)
}

// addTable builds the table mentioned at token at, reading its settings
// in [start, end): the text between the neighbouring table mentions.
func (c *Ctx) addTable(at, start, end int) {
	tb := spec.Resource{Type: "aws_dynamodb_table", Name: "table"}
	b := &tb.Body
	name := c.tableName(at)
	tb.Name = name
	b.Set("name", spec.String(ResourceName(name, 255)))
	keysEnd := end
	if g := c.T.Phrase(start, "global|secondary secondary|index index"); g >= 0 && g < end {
		keysEnd = g
	} else if g := c.T.Find(start, "gsi", "index"); g >= 0 && g < end {
		keysEnd = g
	}
	attrs := c.tableKeys(b, at, start, keysEnd)
	c.tableBilling(b, tb.Name)
	c.tableIndexes(b, &attrs, start, end)
	for _, a := range attrs {
		ab := b.AddBlock("attribute")
		ab.Set("name", spec.String(a.name))
		ab.Set("type", spec.String(a.typ))
	}
	c.tableFeatures(b)
	if c.existingTable(b) {
		return
	}
	addr := c.Add(tb)
	c.Understand("DynamoDB table %s (hash key %s)", addr, attrs[0].name)
	c.tableAutoscaling(addr, ResourceName(name, 255))
}

// existingTable reports whether the stack already holds a table with b's
// name: a table name exists once per region, so a request that names it
// (a function that "reads the orders table") means that table.
func (c *Ctx) existingTable(b *spec.Body) bool {
	r := c.Existing("aws_dynamodb_table", "name", b)
	if r != nil {
		c.Understand("the existing DynamoDB table %s", r.Addr())
	}
	return r != nil
}

// tableName reads "table 'users'", "table orders with ...", "sessions
// table", or names a lock table.
func (c *Ctx) tableName(at int) string {
	if raw, k, ok := c.T.dataName(at, true); ok {
		c.Claim(k, k+1)
		return raw
	}
	if k := at + 1; c.T.Is(at, "table") && k < c.T.Len() && !c.T.Is(k, dataFillers...) && !c.T.Is(k, ddbKeyWords...) &&
		c.T.isAttrName(k) && !c.T.Is(k, "on-demand", "keyed", "streams", "stream", "replicated", "in") {
		c.Claim(k, k+1)
		return c.T.Raw(k)
	}
	b := at - 1
	if c.T.Is(b, "dynamodb", "dynamo", "ddb") {
		b--
	}
	if c.T.isAttrName(b) && !c.T.Is(b, dataFillers...) && !c.T.Is(b, ddbKeyWords...) && !c.T.Is(b, "global", "on-demand", "locking", "lock", "nosql", "key-value", "serverless", "new") && !c.T.Toks[b].Break {
		return strings.ToLower(c.T.Raw(b))
	}
	if c.T.HasPhrase("state lock|locking|locks", "lock table", "locking", "terraform state") ||
		c.T.Has("lock", "locks") && (stateBucket(c.T) || c.T.Has("terraform", "tfstate", "opentofu")) {
		return "terraform-locks"
	}
	if c.T.Is(at+1, "for", "of", "holding", "storing") && c.T.isListWord(at+2) && !c.T.Is(at+2, ddbKeyWords...) {
		if c.T.isListWord(at+3) && !c.T.Toks[at+2].Break && !c.T.Is(at+3, ddbKeyWords...) {
			return strings.ToLower(c.T.Raw(at+2) + "-" + c.T.Raw(at+3))
		}
		return strings.ToLower(c.T.Raw(at + 2))
	}
	c.Assume("aws_dynamodb_table.name", "no table name given: %q", "app-table")
	return "app-table"
}

// tableKeys sets hash and range keys and returns the key attributes.
func (c *Ctx) tableKeys(b *spec.Body, at, start, end int) []ddbAttr {
	var attrs []ddbAttr
	hash, k, ok := c.T.ddbKey(start, end, "partition key", "hash key", "primary key", "keyed on|by", "pk", "partitioned by|on", "key")
	switch {
	case ok:
		c.Claim(k, k+1)
	case c.T.HasPhrase("state lock|locking|locks", "lock table", "locking") ||
		c.T.Has("lock", "locks") && (stateBucket(c.T) || c.T.Has("terraform", "tfstate", "opentofu")):
		hash = ddbAttr{name: "LockID", typ: "S"}
		c.Understand("Terraform state lock table (LockID)")
	default:
		hash = ddbAttr{name: "id", typ: "S"}
		c.Assume("aws_dynamodb_table.hash_key", "no partition key named: %q (string)", "id")
	}
	b.Set("hash_key", spec.String(hash.name))
	attrs = append(attrs, hash)
	if rng, k, ok := c.T.ddbKey(start, end, "sort key", "range key", "sk"); ok && rng.name != hash.name {
		c.Claim(k, k+1)
		b.Set("range_key", spec.String(rng.name))
		attrs = append(attrs, rng)
	}
	return attrs
}

// tableBilling reads on-demand or provisioned capacity.
func (c *Ctx) tableBilling(b *spec.Body, name string) {
	r := c.T.Find(0, "read", "reads", "rcu", "rcus")
	w := c.T.Find(0, "write", "writes", "wcu", "wcus")
	rc, rok := c.capacityAt(r)
	wc, wok := c.capacityAt(w)
	if !c.T.Has("provisioned") && !rok && !wok {
		b.Set("billing_mode", spec.String("PAY_PER_REQUEST"))
		if !c.T.Has("on-demand", "pay-per-request", "ondemand") && !c.T.HasPhrase("on demand", "pay per request") {
			c.Assume("aws_dynamodb_table."+LocalName(name)+".billing_mode", "no capacity named: on-demand (pay per request)")
		}
		return
	}
	if !rok {
		rc = 5
	}
	if !wok {
		wc = 5
	}
	b.Set("billing_mode", spec.String("PROVISIONED"))
	b.Set("read_capacity", spec.Int(rc))
	b.Set("write_capacity", spec.Int(wc))
}

// capacityAt reads the units around "read"/"write": "5 read", "read
// capacity of 10", "5 RCU".
func (c *Ctx) capacityAt(i int) (int, bool) {
	if i < 0 {
		return 0, false
	}
	if n, k, ok := c.T.NumberBefore(i, 1); ok {
		c.Claim(k, i+1)
		return n, true
	}
	if n, k, ok := c.T.NumberNear(i, 3); ok {
		c.Claim(i, k+1)
		return n, true
	}
	return 0, false
}
