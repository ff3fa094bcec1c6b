package rules

import (
	"github.com/syncloud/syncloud/internal/spec"
)

// Read replicas and parameter groups of RDS instances.

// readReplicas adds "one read replica of the same size", "two read
// replicas on db.r6g.large".
func (c *Ctx) readReplicas(primary spec.Address) {
	i := c.T.Find(0, "replica", "replicas")
	if i < 0 {
		return
	}
	c.Claim(i, i+1)
	n := c.T.smallCount(i, 3, 15)
	p := c.Res(primary)
	class, _ := p.Body.Get("instance_class")
	for _, cls := range c.T.ClassesWithPrefix("db.") {
		if cls.At > i {
			class = spec.String(cls.Value)
			c.Claim(cls.At, cls.At+1)
			break
		}
	}
	if !p.Body.Has("backup_retention_period") {
		p.Body.Set("backup_retention_period", spec.Int(7))
		c.Assume(primary.String()+".backup_retention_period", "read replicas need automated backups on the source: keeping 7 days")
	}
	r := spec.Resource{Type: "aws_db_instance", Name: primary.Name + "_replica", Count: n}
	r.Body.Set("replicate_source_db", spec.RefTo(primary, "identifier"))
	r.Body.Set("instance_class", class)
	r.Body.Set("skip_final_snapshot", spec.Bool(true))
	if v, ok := p.Body.Get("vpc_security_group_ids"); ok {
		r.Body.Set("vpc_security_group_ids", v)
	}
	addr := c.Add(r)
	c.Understand("%d × read replica of %s (%s)", n, primary, class.Str)
	for _, rg := range c.T.Regions() {
		if rg.Code != c.Region() && dataAbs(rg.At-i) <= 6 {
			c.Unplaced("cross-region read replica in " + rg.Code + " (the replica stays in " + c.Region() + ")")
			c.Claim(rg.At, rg.At+rg.Len)
		}
	}
	c.Assume(addr.String(), "replicas take their engine, storage and credentials from the source")
}

// dbParameterGroup adds a parameter group when the prompt asks for one or
// names parameters.
func (c *Ctx) dbParameterGroup(db *spec.Resource, e dbEngine, version string) {
	params := c.dbParameters()
	i := c.T.Phrase(0, "parameter|param group|groups")
	if i < 0 && len(params) == 0 {
		return
	}
	if i >= 0 {
		c.Claim(i, i+2)
	}
	g := spec.Resource{Type: "aws_db_parameter_group", Name: db.Name}
	family := paramFamily(e, version)
	g.Body.Set("name_prefix", spec.String(dashName(db.Name)+"-"))
	g.Body.Set("family", spec.String(family))
	for _, p := range params {
		pb := g.Body.AddBlock("parameter")
		pb.Set("name", spec.String(p.Key))
		pb.Set("value", p.Value)
		if staticParam(p.Key) {
			pb.Set("apply_method", spec.String("pending-reboot"))
		}
	}
	addr := c.Add(g)
	db.Body.Set("parameter_group_name", spec.RefTo(addr, "name"))
	c.Understand("parameter group %s (%s) with %d parameters", addr, family, len(params))
}

// staticParam reports parameters that only apply after a reboot.
func staticParam(name string) bool {
	switch name {
	case "shared_preload_libraries", "max_connections", "shared_buffers", "max_worker_processes",
		"innodb_buffer_pool_size", "wal_buffers", "max_wal_senders", "rds.logical_replication":
		return true
	}
	return false
}

// dashName turns a local name into a lower-case, hyphenated AWS name.
func dashName(local string) string {
	b := []byte(LocalName(local))
	for i, ch := range b {
		if ch == '_' {
			b[i] = '-'
		}
	}
	return string(b)
}
