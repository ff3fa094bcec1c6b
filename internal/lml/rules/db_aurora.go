package rules

import (
	"strconv"
	"strings"

	"github.com/syncloud/syncloud/internal/spec"
)

// Aurora clusters: "Aurora PostgreSQL cluster with two db.r6g.large
// instances", "Aurora MySQL Serverless v2 scaling between 0.5 and 8 ACUs".
// The cluster holds the engine, credentials, backups and placement; its
// identical instances are one counted aws_rds_cluster_instance.

func auroraFamily() family {
	st := &dbState{}
	return family{name: "aurora", stage: stageData, declare: st.declareAurora, link: st.link}
}

// auroraVersions maps a major version to a real Aurora engine version.
var auroraVersions = map[string]string{
	"aurora-postgresql/13": "13.12", "aurora-postgresql/14": "14.9", "aurora-postgresql/15": "15.4",
	"aurora-postgresql/16": "16.1", "aurora-mysql/8.0": "8.0.mysql_aurora.3.05.2",
	"aurora-mysql/8": "8.0.mysql_aurora.3.05.2", "aurora-mysql/5.7": "5.7.mysql_aurora.2.11.2",
}

func (st *dbState) declareAurora(c *Ctx) {
	*st = dbState{}
	at := c.T.Find(0, "aurora", "aurora-postgresql", "aurora-mysql")
	if at < 0 {
		return
	}
	c.Claim(at, at+1)
	engine, e := c.auroraEngine()
	cl := spec.Resource{Type: "aws_rds_cluster", Name: strings.ReplaceAll(engine, "-", "_")}
	b := &cl.Body
	c.auroraIdentity(b, at, engine)
	version := c.auroraVersion(engine, e.version)
	b.Set("engine_version", spec.String(version))
	c.auroraResilience(b)
	c.dbLogExports(b, engine)
	serverless := c.T.Has("serverless", "serverlessv2", "acu", "acus")
	if serverless {
		c.auroraScaling(b)
	}
	if _, ok := wantsKMSKey(c.T); ok {
		b.Set("storage_encrypted", spec.Bool(true))
		b.Set("kms_key_id", spec.RefTo(c.KMSKey("database"), "arn"))
	}
	st.placeCluster(c, &cl, engine, e.port)
	addr := c.Add(cl)
	c.Understand("Aurora cluster %s (%s %s)", addr, engine, version)
	c.auroraInstances(addr, serverless)
}

// auroraEngine reads which Aurora flavour the prompt names: PostgreSQL, or
// MySQL by default.
func (c *Ctx) auroraEngine() (string, dbEngine) {
	e := findDBEngine(c.T)
	if e.at < 0 {
		e.port = 3306
		c.Assume("aws_rds_cluster.engine", "no engine named: Aurora MySQL")
		return "aurora-mysql", e
	}
	c.Claim(e.at, e.at+1)
	if e.name == "postgres" {
		return "aurora-postgresql", e
	}
	return "aurora-mysql", e
}

// auroraIdentity sets the cluster's name, engine and master user.
func (c *Ctx) auroraIdentity(b *spec.Body, at int, engine string) {
	if name, k, ok := c.T.dataName(c.T.Find(at, "cluster", "database", "db"), false); ok {
		c.Claim(k, k+1)
		b.Set("cluster_identifier", spec.String(strings.ToLower(ResourceName(name, 63))))
	} else {
		b.Set("cluster_identifier_prefix", spec.String(engine+"-"))
	}
	b.Set("engine", spec.String(engine))
	b.Set("master_username", spec.String("dbadmin"))
	b.Set("manage_master_user_password", spec.Bool(true))
}

func (c *Ctx) auroraVersion(engine, written string) string {
	if written == "" {
		v := auroraVersions[engine+"/"+map[string]string{"aurora-mysql": "8.0", "aurora-postgresql": "16"}[engine]]
		c.Assume("aws_rds_cluster.engine_version", "no version named: %s", v)
		return v
	}
	if v, ok := auroraVersions[engine+"/"+written]; ok {
		return v
	}
	if engine == "aurora-mysql" && !strings.Contains(written, "mysql_aurora") {
		return auroraVersions["aurora-mysql/8.0"]
	}
	return written
}

func (c *Ctx) auroraResilience(b *spec.Body) {
	if days, ok := c.backupDays(); ok {
		b.Set("backup_retention_period", spec.Int(days))
	}
	if w, ok := c.backupWindow(); ok {
		b.Set("preferred_backup_window", spec.String(w))
	}
	if deletionProtection(c.T) {
		b.Set("deletion_protection", spec.Bool(true))
	}
	if k := c.T.Find(0, "backtrack", "backtracking"); k >= 0 && strings.HasPrefix(stringOf(*b, "engine"), "aurora-mysql") {
		secs := 86400
		if d, _, ok := c.T.durationNear(k, 4); ok {
			secs = min(d, 72*3600) // "backtrack 24 hours"; Aurora keeps at most 72
		} else {
			c.Assume("aws_rds_cluster.backtrack_window", "no backtrack window named: 24 hours")
		}
		b.Set("backtrack_window", spec.Int(secs))
		c.Claim(k, k+1)
	}
	b.Set("skip_final_snapshot", spec.Bool(true))
	c.Assume("aws_rds_cluster.skip_final_snapshot", "no final snapshot asked for: destroying the cluster keeps no snapshot")
}

// auroraScaling reads "between 0.5 and 8 ACUs", "min 1 max 16 ACU".
func (c *Ctx) auroraScaling(b *spec.Body) {
	lo, hi := 0.5, 4.0
	var nums []float64
	i := c.T.Find(0, "acu", "acus", "acu's")
	if i < 0 {
		i = c.T.Find(0, "capacity", "scaling", "scale", "serverless")
	}
	for k := max(i-8, 0); k < c.T.Len() && k <= i+8 && len(nums) < 2; k++ {
		if f, ok := c.T.Number(k, true); ok && !c.T.Is(k-1, "v", "version", "postgres", "postgresql", "mysql", "aurora") &&
			f <= 256 && !c.T.isUnitAfter(k) && !c.T.Is(k+1, "instance", "instances", "reader", "readers", "writer", "writers") {
			nums = append(nums, f)
			c.Claim(k, k+1)
		}
	}
	switch len(nums) {
	case 2:
		lo, hi = min(nums[0], nums[1]), max(nums[0], nums[1])
	case 1:
		hi = nums[0]
	default:
		c.Assume("serverlessv2_scaling_configuration", "no capacity range named: %g to %g ACUs", lo, hi)
	}
	s := b.AddBlock("serverlessv2_scaling_configuration")
	s.Set("min_capacity", spec.Number(lo))
	s.Set("max_capacity", spec.Number(hi))
}

// auroraInstances adds the cluster's instances: "two db.r6g.large
// instances", "one writer instance", "a writer and two readers".
func (c *Ctx) auroraInstances(cluster spec.Address, serverless bool) {
	n, class := c.auroraInstanceCount(serverless), "db.r6g.large"
	if serverless {
		class = "db.serverless"
	} else if cls := c.T.ClassesWithPrefix("db."); len(cls) > 0 {
		class = cls[0].Value
		c.Claim(cls[0].At, cls[0].At+1)
	}
	in := spec.Resource{Type: "aws_rds_cluster_instance", Name: cluster.Name}
	if n > 1 {
		in.Count = n
	}
	in.Body.Set("cluster_identifier", spec.RefTo(cluster, "id"))
	in.Body.Set("instance_class", spec.String(class))
	in.Body.Set("engine", spec.RefTo(cluster, "engine"))
	in.Body.Set("engine_version", spec.RefTo(cluster, "engine_version"))
	if v, ok := c.Res(cluster).Body.Get("db_subnet_group_name"); ok {
		in.Body.Set("db_subnet_group_name", v)
	}
	addr := c.Add(in)
	c.Understand("%s × Aurora instance %s (%s)", strconv.Itoa(n), addr, class)
}

// auroraInstanceCount adds up "two instances", "a writer and two readers".
func (c *Ctx) auroraInstanceCount(serverless bool) int {
	n := 0
	words := []string{"instance", "instances", "node", "nodes", "reader", "readers", "replica", "replicas", "writer", "writers"}
	for _, k := range c.T.mentionsOf(words...) {
		c.Claim(k, k+1)
		if c.T.Is(k-1, words...) {
			continue // "writer instance": one mention
		}
		cnt := min(c.T.CountBefore(k, 3), 15)
		if cnt == 0 && c.T.Is(k, "writer", "reader") && c.T.Is(k-1, "a", "an", "one") {
			cnt = 1
		}
		n += cnt
	}
	if n > 0 {
		return n
	}
	n = 2
	if serverless {
		n = 1
	}
	c.Assume("aws_rds_cluster_instance.count", "no instance count named: %d", n)
	return n
}

func (st *dbState) placeCluster(c *Ctx, cl *spec.Resource, engine string, port int) {
	if g, ok := c.subnetGroup("aws_db_subnet_group", cl.Name); ok {
		cl.Body.Set("db_subnet_group_name", spec.RefTo(g, "name"))
	}
	if sg, ok := c.dataSecurityGroup(cl.Name+"_db", engine+" cluster", port); ok {
		cl.Body.Set("vpc_security_group_ids", spec.List(spec.RefTo(sg, "id")))
		st.sg = sg
	}
}
