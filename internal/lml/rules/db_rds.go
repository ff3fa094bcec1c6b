package rules

import (
	"strings"

	"github.com/syncloud/syncloud/internal/spec"
)

// RDS instances: "postgres db, version 16, db.t3.micro, 20 gigs", "MySQL
// 8.0 on db.m6g.large with 100GB gp3, Multi-AZ, 7 days of backups", read
// replicas, parameter groups, and placement in the prompt's VPC.

// dbState carries the database's security group from declare to link.
type dbState struct {
	sg spec.Address
}

func rdsFamily() family {
	st := &dbState{}
	return family{name: "rds", stage: stageData, declare: st.declare, link: st.link}
}

// relationalAt returns the token asking for a relational database, or -1.
// Engine names used for traffic or tiers ("MySQL traffic", "a db tier",
// "a security group for Postgres") ask for no database.
func relationalAt(t *Text) int {
	for i := 0; i < t.Len(); i++ {
		if t.Is(i+1, dbTrafficWords...) || t.Is(i-1, "for") && t.Has("security", "sg", "firewall") {
			continue
		}
		switch {
		case t.Is(i, "postgres", "postgresql", "mysql", "mariadb", "sqlserver", "mssql", "rds", "psql"):
			return i
		case t.Is(i, "oracle", "sql") && t.Is(i+1, "server", "database", "db", "rds", "instance"):
			return i
		case t.Is(i, "database", "databases", "db", "rdbms") && t.Near(i-2, 2, otherDatabases...) < 0 &&
			!dataContains([]string{"name", "names"}, t.Norm(i+1)):
			return i
		}
	}
	return -1
}

// otherDatabases name databases that are not RDS ("a Redshift database",
// "a graph db").
var otherDatabases = []string{"catalog", "glue", "athena", "timestream", "graph", "document", "in-memory", "memory",
	"nosql", "key-value", "vector", "redshift", "neptune", "documentdb", "docdb", "opensearch", "elasticsearch",
	"mongodb", "mongo", "cassandra", "keyspaces", "memorydb", "qldb", "lightsail", "dynamodb", "time-series"}

// dbTrafficWords after an engine name make it a port or tier, not a DB.
var dbTrafficWords = []string{"tier", "tiers", "traffic", "port", "ports", "access", "connections", "rule", "rules",
	"client", "clients", "group", "sg", "subnet", "subnets", "layer", "protocol", "password", "passwords",
	"credentials", "creds", "secret", "username", "connection", "url", "host", "endpoint", "dump", "dumps",
	"backup", "backups", "migration", "migrations", "export", "exports", "snapshot", "snapshots", "extract", "extracts",
	"files", "logs", "schema", "schemas", "queries", "admin", "root", "user", "users", "login"}

func (st *dbState) declare(c *Ctx) {
	*st = dbState{}
	at := relationalAt(c.T)
	if at < 0 || c.T.Has("aurora", "aurora-postgresql", "aurora-mysql") || c.T.Has("dynamodb", "dynamo") && !c.T.Has("rds", "postgres", "postgresql", "mysql", "mariadb") {
		return
	}
	if _, _, ok := watchedDatabase(c.T); ok {
		return // an alarm on a database that exists already
	}
	c.Claim(at, at+1)
	if c.editDatabase(at) {
		return
	}
	e := findDBEngine(c.T)
	if e.at >= 0 {
		c.Claim(e.at, e.at+1)
	}
	version := e.version
	if version == "" {
		version = rdsDefaultVersion(e.name)
		c.Assume("aws_db_instance.engine_version", "no %s version named: using %s", e.name, version)
	}
	db := spec.Resource{Type: "aws_db_instance", Name: dbLocalName(c, e)}
	b := &db.Body
	c.dbIdentity(b, at, e, version)
	c.dbStorage(b)
	c.dbResilience(b)
	c.dbOptions(b)
	c.dbLogExports(b, e.name)
	c.dbMonitoring(b)
	if _, ok := wantsKMSKey(c.T); ok {
		b.Set("storage_encrypted", spec.Bool(true))
		b.Set("kms_key_id", spec.RefTo(c.KMSKey("database"), "arn"))
	} else if c.T.Has("encrypted", "encryption") {
		b.Set("storage_encrypted", spec.Bool(true))
	}
	st.place(c, &db, e)
	c.dbParameterGroup(&db, e, version)
	if n := c.dbCount(at); n > 1 && c.T.Find(0, "replica", "replicas") < 0 && !b.Has("identifier") {
		db.Count = n
	}
	addr := c.Add(db)
	c.Understand("%d × RDS %s %s instance %s", max(db.Count, 1), e.name, version, addr)
	c.readReplicas(addr)
}

// dbCount reads "two postgres databases", "3 MySQL instances": a count
// before a plural noun, never the engine's version ("Postgres 16").
func (c *Ctx) dbCount(at int) int {
	noun := -1
	for k := at; k < c.T.Len() && k <= at+4; k++ {
		if dataContains([]string{"instances", "databases", "dbs"}, c.T.Norm(k)) {
			noun = k
			break
		}
	}
	for k := noun - 1; noun > 0 && k >= 0 && k >= noun-4 && !c.T.Toks[k].Break; k-- {
		f, ok := c.T.Number(k, true)
		if !ok || c.T.isUnitAfter(k) || c.T.Is(k-1, "postgres", "postgresql", "mysql", "mariadb", "version", "v", "oracle") {
			continue
		}
		if n := int(f); float64(n) == f && n >= 2 && n <= 20 {
			return n
		}
		return 0
	}
	return 0
}

func dbLocalName(c *Ctx, e dbEngine) string {
	if name, _, ok := c.T.dataName(relationalAt(c.T), false); ok {
		return name
	}
	return strings.Split(e.name, "-")[0]
}

// dbIdentity sets the engine, version, class, name and credentials.
func (c *Ctx) dbIdentity(b *spec.Body, at int, e dbEngine, version string) {
	b.Set("engine", spec.String(e.name))
	b.Set("engine_version", spec.String(version))
	class := "db.t3.micro"
	if cls := c.T.ClassesWithPrefix("db."); len(cls) > 0 {
		class = cls[0].Value
		c.Claim(cls[0].At, cls[0].At+1)
	} else {
		c.Assume("aws_db_instance.instance_class", "no instance class named: using %s", class)
	}
	b.Set("instance_class", spec.String(class))
	if name, k, ok := c.T.dataName(at, false); ok {
		c.Claim(k, k+1)
		b.Set("identifier", spec.String(strings.ToLower(ResourceName(name, 63))))
		if d := c.T.Find(at, "database", "db"); d >= 0 && d < k && dbIdent(name) == name && dataContains([]string{"postgres", "mysql", "mariadb"}, e.name) {
			// "a database named appdb": the instance and the database in it
			b.Set("db_name", spec.String(name))
			c.Assume("aws_db_instance.db_name", "the database inside the instance is also named %s", name)
		}
	} else {
		b.Set("identifier_prefix", spec.String(strings.Split(e.name, "-")[0]+"-"))
	}
	if strings.HasPrefix(e.name, "sqlserver") || strings.HasPrefix(e.name, "oracle") {
		b.Set("license_model", spec.String(licenseModel(e.name)))
	}
	b.Set("username", spec.String("dbadmin"))
	b.Set("manage_master_user_password", spec.Bool(true))
	c.Assume("aws_db_instance.username", "master user %q; its password is generated and kept in Secrets Manager", "dbadmin")
}

func licenseModel(engine string) string {
	if engine == "oracle-ee" {
		return "bring-your-own-license"
	}
	return "license-included"
}

// dbStorage reads size, autoscaling ceiling, type and IOPS.
func (c *Ctx) dbStorage(b *spec.Body) {
	alloc, ceiling := c.dbSizes()
	b.Set("allocated_storage", spec.Int(alloc))
	if ceiling > alloc {
		b.Set("max_allocated_storage", spec.Int(ceiling))
	}
	st := c.dbStorageType()
	if n, ok := c.dbIOPS(); ok {
		b.Set("iops", spec.Int(n))
		if st == "" {
			st = "io1"
		}
	}
	if st != "" {
		b.Set("storage_type", spec.String(st))
	}
}

// dbSizes reads the allocated size and the autoscaling ceiling ("start
// with 50 GB and let storage autoscale up to 500 GB").
func (c *Ctx) dbSizes() (alloc, ceiling int) {
	for _, s := range c.T.Sizes() {
		gb := s.Value.GB()
		if gb < 5 {
			continue
		}
		if c.T.Is(s.At-1, "to", "max", "maximum", "ceiling") || c.T.Is(s.At-2, "up", "max", "maximum") {
			ceiling = gb
		} else if alloc == 0 {
			alloc = gb
		}
		c.Claim(s.At, s.At+1)
	}
	if alloc == 0 {
		alloc = 20
		c.Assume("aws_db_instance.allocated_storage", "no storage size named: %d GB", alloc)
	}
	return alloc, ceiling
}

func (c *Ctx) dbStorageType() string {
	for _, k := range []string{"gp3", "gp2", "io1", "io2", "magnetic"} {
		if i := c.T.Find(0, k); i >= 0 {
			c.Claim(i, i+1)
			if k == "magnetic" {
				return "standard"
			}
			return k
		}
	}
	return ""
}

// dbIOPS reads "5000 provisioned IOPS" or "IOPS of 12000".
func (c *Ctx) dbIOPS() (int, bool) {
	i := c.T.Find(0, "iops")
	if i < 0 {
		return 0, false
	}
	if n, _, ok := c.T.NumberBefore(i, 3); ok && n >= 1000 {
		return n, true
	}
	if n, _, ok := c.T.NumberNear(i, 3); ok && n >= 1000 {
		return n, true
	}
	return 0, false
}

// dbResilience reads Multi-AZ, backups, deletion protection and snapshots.
func (c *Ctx) dbResilience(b *spec.Body) {
	if multiAZ(c.T) {
		b.Set("multi_az", spec.Bool(true))
	}
	if days, ok := c.backupDays(); ok {
		b.Set("backup_retention_period", spec.Int(days))
	}
	if w, ok := c.backupWindow(); ok {
		b.Set("backup_window", spec.String(w))
	}
	if w, ok := c.maintenanceWindow(); ok {
		b.Set("maintenance_window", spec.String(w))
	}
	if deletionProtection(c.T) {
		b.Set("deletion_protection", spec.Bool(true))
	}
	if c.T.HasPhrase("final snapshot") && !c.T.HasPhrase("no|skip|without final snapshot") {
		b.Set("skip_final_snapshot", spec.Bool(false))
		b.Set("final_snapshot_identifier", spec.String("final-snapshot"))
		return
	}
	b.Set("skip_final_snapshot", spec.Bool(true))
	c.Assume("skip_final_snapshot", "no final snapshot asked for: destroying the database keeps no snapshot")
}

func multiAZ(t *Text) bool {
	return t.Has("multi-az", "multiaz", "multi_az") || t.HasPhrase("multi az", "multiple azs|availability", "highly available",
		"high availability", "standby")
}

func deletionProtection(t *Text) bool {
	i := t.Phrase(0, "deletion|delete protection|protected")
	return i >= 0 && !t.Is(i-1, "no", "without") || t.HasPhrase("protected from deletion", "protect it from deletion")
}

// backupDays reads "7 days of automated backups", "14-day backup retention".
func (c *Ctx) backupDays() (int, bool) {
	i := c.T.Find(0, "backup", "backups", "retention", "retain", "retained")
	if i < 0 {
		return 0, false
	}
	d, k, ok := c.T.durationNear(i, 5)
	if !ok {
		return 0, false
	}
	c.Claim(i, i+1)
	c.Claim(k, k+1)
	return min(max(Days(d), 1), 35), true
}

// backupWindow reads "a 03:00-04:00 UTC backup window".
func (c *Ctx) backupWindow() (string, bool) {
	for i := 0; i < c.T.Len(); i++ {
		n := c.T.Norm(i)
		b, m := c.T.Near(i, 4, "backup", "backups", "snapshot"), c.T.Near(i, 4, "maintenance")
		if m > i && c.T.Toks[i].Break {
			m = -1 // "backup window 02:00-03:00, maintenance on ...": another clause
		}
		nearer := m < 0 || dataAbs(b-i) < dataAbs(m-i) || dataAbs(b-i) == dataAbs(m-i) && b < i // "window" comes before its hours
		if len(n) == 11 && n[2] == ':' && n[5] == '-' && n[8] == ':' && b >= 0 && nearer {
			c.Claim(i, i+1)
			return n, true
		}
	}
	return "", false
}

// rdsWeekdays maps day words to the three letters RDS windows use.
var rdsWeekdays = []struct{ word, day string }{
	{"monday", "mon"}, {"tuesday", "tue"}, {"wednesday", "wed"}, {"thursday", "thu"}, {"friday", "fri"},
	{"saturday", "sat"}, {"sunday", "sun"}, {"mon", "mon"}, {"tue", "tue"}, {"wed", "wed"}, {"thu", "thu"},
	{"fri", "fri"}, {"sat", "sat"}, {"sun", "sun"}, {"weekend", "sun"}, {"weekends", "sun"},
}

// maintenanceWindow reads "maintenance on Sundays 02:00-03:00" or a
// literal "sun:03:00-sun:04:00" window.
func (c *Ctx) maintenanceWindow() (string, bool) {
	i := c.T.Find(0, "maintenance")
	if i < 0 {
		return "", false
	}
	c.Claim(i, i+1)
	day, hours := "", "04:00-05:00"
	for k := max(i-4, 0); k < c.T.Len() && k <= i+6; k++ {
		n := c.T.Norm(k)
		if len(n) == 19 && n[3] == ':' && n[9] == '-' {
			return n, true
		}
		if len(n) == 11 && n[2] == ':' && n[5] == '-' {
			hours = n
		}
		for _, w := range rdsWeekdays {
			if day == "" && (n == w.word || n == w.word+"s") {
				day = w.day
			}
		}
	}
	if day == "" {
		return "", false
	}
	start, end, _ := strings.Cut(hours, "-")
	return day + ":" + start + "-" + day + ":" + end, true
}

// place puts the database in the prompt's VPC with its own security group.
func (st *dbState) place(c *Ctx, db *spec.Resource, e dbEngine) {
	if g, ok := c.subnetGroup("aws_db_subnet_group", db.Name); ok {
		db.Body.Set("db_subnet_group_name", spec.RefTo(g, "name"))
	}
	if sg, ok := c.dataSecurityGroup(db.Name+"_db", e.name+" database", e.port); ok {
		db.Body.Set("vpc_security_group_ids", spec.List(spec.RefTo(sg, "id")))
		st.sg = sg
	}
	if c.T.HasPhrase("not publicly|public accessible", "not public", "private database|db") || c.Net != nil {
		db.Body.Set("publicly_accessible", spec.Bool(false))
	} else if k := c.T.Phrase(0, "publicly|public accessible|reachable"); k >= 0 && !c.T.Is(k-1, "not", "never", "no") {
		db.Body.Set("publicly_accessible", spec.Bool(true)) // asked for: kept, with a policy finding
		c.Claim(k, k+2)
	}
}

func (st *dbState) link(c *Ctx) {
	if st.sg != (spec.Address{}) {
		c.allowFromCompute(st.sg)
	}
}

// editDatabase applies the prompt to a database already in the stack when
// it refers to one ("add a read replica to my database", "make the db
// Multi-AZ"), and reports whether it did.
func (c *Ctx) editDatabase(at int) bool {
	var primary *spec.Resource
	for _, r := range c.Stack.OfType("aws_db_instance") {
		if !r.Body.Has("replicate_source_db") {
			primary = r
			break
		}
	}
	if primary == nil || !c.T.Is(at-1, "my", "our", "the", "existing", "current", "that", "this") {
		return false
	}
	addr := primary.Addr()
	b := &primary.Body
	if cls := c.T.ClassesWithPrefix("db."); len(cls) > 0 && c.T.Find(0, "replica", "replicas") < 0 {
		b.Set("instance_class", spec.String(cls[0].Value))
	}
	if multiAZ(c.T) {
		b.Set("multi_az", spec.Bool(true))
	}
	if days, ok := c.backupDays(); ok {
		b.Set("backup_retention_period", spec.Int(days))
	}
	if deletionProtection(c.T) {
		b.Set("deletion_protection", spec.Bool(true))
	}
	c.Understand("changes to the existing %s", addr)
	c.readReplicas(addr)
	return true
}
