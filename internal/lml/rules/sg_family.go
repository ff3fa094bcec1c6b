package rules

import (
	"strings"

	"github.com/syncloud/syncloud/internal/spec"
)

// genericFamilies run last: security groups that no other family claimed.
func genericFamilies() []family {
	return []family{{name: "security-group", stage: stageGeneric, declare: declareSecurityGroups}}
}

// sgItem is one security group described in a list ("a web tier open on
// 443 to the world, and a db tier that ...").
type sgItem struct {
	role     string
	name     string // given with "named X"
	from, to int
}

// declareSecurityGroups builds the security groups a prompt names on their
// own ("security group allowing HTTP and HTTPS from anywhere", "two security
// groups: a web tier ... and a db tier ...").
func declareSecurityGroups(c *Ctx) {
	reached := dbReach(c)
	k, n := sgMention(c)
	if k < 0 || reached {
		return
	}
	items := sgItems(c, k, n)
	var roles []string
	for _, it := range items {
		roles = append(roles, it.role)
	}
	var drafts []*sgDraft
	for _, it := range items {
		d := newSG(c, it.role, "access to "+it.role)
		d.name = it.name
		ports := sgPorts(c, it.from, it.to)
		d.rules = sgRulesFor(c, ports, sgSources(c, it.from, it.to, roles), it.role)
		drafts = append(drafts, d)
	}
	emitSGs(c, drafts)
	c.Understand("%d security group(s): %s", len(items), strings.Join(roles, ", "))
}

// sgMention finds the first unclaimed "security group(s)" / "firewall" not
// said of another resource ("its own security group"), with its count.
func sgMention(c *Ctx) (int, int) {
	t := c.T
	for k := 0; k < t.Len(); k++ {
		width := 0
		switch {
		case t.Is(k, "security") && t.Is(k+1, "group", "groups"):
			width = 2
		case t.Is(k, "sg", "sgs") || t.Is(k, "firewall", "firewalls") && !t.Is(k-1, "application", "network", "waf", "dns"):
			width = 1
		}
		if width == 0 || c.Claimed(k) || c.Claimed(k+width-1) {
			continue
		}
		c.Claim(k, k+width)
		if t.Is(k-1, "own", "its", "their") {
			continue
		}
		n, _ := countOrRef(c, k-1)
		if n == 0 {
			n, _ = countOrRef(c, k-2)
		}
		return k, max(n, 1)
	}
	return -1, 0
}

// sgItems splits the words after a mention of n groups into one item per
// group; a single group reads the whole prompt.
func sgItems(c *Ctx, k, n int) []sgItem {
	t := c.T
	if n == 1 {
		if name, at, ok := t.NameAfter(k, 4); ok && t.Is(at-1, "called", "named") {
			c.Claim(at-1, at+1)
			return []sgItem{{role: LocalName(name), name: ResourceName(name, 255), from: 0, to: t.Len()}}
		}
		if items := sgRoleMentions(c, k); len(items) > 1 {
			return items
		}
		return []sgItem{{role: sgRoleName(c, k), from: 0, to: t.Len()}}
	}
	var items []sgItem
	for j := k + 2; j < t.Len(); j++ {
		if !t.Is(j, "a", "an", "one", "another", "second") {
			continue
		}
		for r := j + 1; r <= j+3 && r < t.Len(); r++ {
			if t.Is(r, "tier", "group", "sg", "layer") && r > j+1 {
				if len(items) > 0 {
					items[len(items)-1].to = j
				}
				items = append(items, sgItem{role: LocalName(t.Norm(r - 1)), from: j, to: t.Len()})
				j = r
				break
			}
		}
	}
	if len(items) == 0 {
		for i := 0; i < n && i < 10; i++ {
			items = append(items, sgItem{role: "sg", from: k, to: t.Len()})
		}
	}
	return items
}

// sgRoleMentions reads groups named one by one from k on, each by the word
// before it: "an app security group and a cache security group that ...".
// Each group reads the words up to the next one.
func sgRoleMentions(c *Ctx, k int) []sgItem {
	t := c.T
	var items []sgItem
	for j := k; j+1 < t.Len(); j++ {
		if !t.Is(j, "security") || t.Norm(j+1) != "group" || (j != k && c.Claimed(j)) {
			continue
		}
		role := t.Norm(j - 1)
		if !isWord(role) || t.Is(j-1, "a", "an", "the", "one", "its", "own", "their", "this", "that", "new", "separate", "same") {
			continue
		}
		start := j - 1
		if t.Is(j-2, "a", "an", "one", "another") {
			start = j - 2
		}
		if len(items) > 0 {
			items[len(items)-1].to = start
		}
		items = append(items, sgItem{role: LocalName(role), from: start, to: t.Len()})
	}
	if len(items) > 1 {
		for _, it := range items {
			c.Claim(it.from, it.from+3)
		}
	}
	return items
}

// sgRoleName names a single group: "security group for Postgres",
// "security group called web", "web security group".
func sgRoleName(c *Ctx, k int) string {
	t := c.T
	if name, at, ok := t.NameAfter(k, 4); ok && t.Is(at-1, "called", "named") {
		c.Claim(at-1, at+1)
		return LocalName(name)
	}
	for j := k + 1; j <= k+4 && j < t.Len(); j++ {
		if !t.Is(j, "for") {
			continue
		}
		w := j + 1
		for t.Is(w, "a", "an", "the", "my", "our", "its", "their") {
			w++
		}
		if isWord(t.Norm(w)) && !t.Is(w, "port", "ports") {
			return LocalName(t.Norm(w))
		}
	}
	if w := t.Norm(k - 1); isWord(w) && t.Is(k-1, "web", "app", "db", "database", "bastion", "api", "alb", "lb", "cache") {
		return w
	}
	return "main"
}

// dbPorts are the default ports of database engines.
var dbPorts = map[string]int{"postgres": 5432, "aurora-postgresql": 5432, "mysql": 3306, "mariadb": 3306,
	"aurora-mysql": 3306, "redis": 6379, "valkey": 6379, "memcached": 11211, "sqlserver": 1433, "oracle": 1521}

// dbReach handles "security groups so only the web server can reach the
// DB": the database's group admits the instances' group on its port, and
// nothing else. A database without a group gets one.
func dbReach(c *Ctx) bool {
	t := c.T
	if !t.Has("only") || !t.Has("reach", "connect", "access", "accessible", "reachable", "talk") {
		return false
	}
	db, attr, port, ok := firstDB(c)
	compute := c.First("aws_instance")
	if compute == nil {
		compute = c.First("aws_launch_template")
	}
	if !ok || compute == nil {
		return false
	}
	name := compute.Name
	from := sgOf(c, compute)
	if ids, has := c.Res(db).Body.Get(attr); has && len(ids.List) > 0 && ids.List[0].Kind == spec.KindRef {
		restrictTo(c, ids.List[0].Ref.To, from)
	} else {
		d := newSG(c, "db", "database access from the "+name)
		d.rules = []sgRule{{from: port, to: port, proto: "tcp", source: sgSource{sg: name}}}
		d.declare(c)
		d.emitRules(c, map[string]spec.Address{name: from})
		c.Res(db).Body.Set(attr, spec.List(spec.RefTo(d.addr, "id")))
	}
	c.Understand("%s reachable on port %d only from the %s's security group", db.Name, port, name)
	return true
}

// restrictTo makes every ingress rule of a security group admit only the
// group from, instead of CIDR blocks.
func restrictTo(c *Ctx, sg, from spec.Address) {
	for _, b := range c.Res(sg).Body.BlocksOf("ingress") {
		b.Set("cidr_blocks", spec.List())
		b.Set("security_groups", spec.List(spec.RefTo(from, "id")))
	}
	for _, r := range c.Stack.OfType("aws_vpc_security_group_ingress_rule") {
		if v, _ := r.Body.Get("security_group_id"); v.Kind == spec.KindRef && v.Ref.To == sg {
			r.Body.Unset("cidr_ipv4")
			r.Body.Set("referenced_security_group_id", spec.RefTo(from, "id"))
		}
	}
}

// firstDB returns the first database or cache of the stack, the attribute
// that takes its security groups, and its port.
func firstDB(c *Ctx) (spec.Address, string, int, bool) {
	for _, typ := range []string{"aws_db_instance", "aws_rds_cluster", "aws_elasticache_replication_group", "aws_elasticache_cluster"} {
		for _, r := range c.Stack.OfType(typ) {
			attr := "vpc_security_group_ids"
			if strings.HasPrefix(typ, "aws_elasticache") {
				attr = "security_group_ids"
			}
			engine, _ := r.Body.Get("engine")
			port := dbPorts[engine.Str]
			if port == 0 {
				port = 5432
			}
			return r.Addr(), attr, port, true
		}
	}
	return spec.Address{}, "", 0, false
}

// sgOf returns the first security group of an instance or launch template,
// giving it one if it has none.
func sgOf(c *Ctx, r *spec.Resource) spec.Address {
	if ids, ok := r.Body.Get("vpc_security_group_ids"); ok && len(ids.List) > 0 && ids.List[0].Kind == spec.KindRef {
		return ids.List[0].Ref.To
	}
	addr := r.Addr()
	d := newSG(c, addr.Name, "access to the "+addr.Name)
	d.inline = false
	sg := d.emit(c)
	c.Res(addr).Body.Set("vpc_security_group_ids", spec.List(spec.RefTo(sg, "id")))
	return sg
}
