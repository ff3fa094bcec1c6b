package rules

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/syncloud/syncloud/internal/spec"
)

// ElastiCache: Redis (or Valkey) replication groups with their node count,
// failover, Multi-AZ and encryption, and Memcached clusters; both placed in
// the prompt's VPC behind a security group for their port.

func cacheFamily() family {
	st := &dbState{}
	return family{name: "elasticache", stage: stageData, declare: st.declareCache, link: st.link}
}

var nodeCountRe = regexp.MustCompile(`^(\d+|one|two|three|four|five|six|seven|eight|nine|ten)-(node|nodes|replica|replicas|shard|shards)$`)

func (st *dbState) declareCache(c *Ctx) {
	*st = dbState{}
	at := c.T.Find(0, "redis", "valkey", "memcached", "memcache", "elasticache")
	if at < 0 {
		at = inMemoryCache(c.T)
	}
	if at < 0 || c.T.Has("memorydb") || c.T.Is(at+1, "serverless") || c.T.Is(at-1, "serverless") {
		return
	}
	c.Claim(at, at+1)
	nodes := c.cacheNodes(at)
	class := "cache.t3.micro"
	if cls := c.T.ClassesWithPrefix("cache."); len(cls) > 0 {
		class = cls[0].Value
		c.Claim(cls[0].At, cls[0].At+1)
	} else {
		c.Assume("node_type", "no node type named: %s", class)
	}
	if c.T.Has("memcached", "memcache") {
		st.memcached(c, at, nodes, class)
		return
	}
	st.redis(c, at, nodes, class)
}

// inMemoryCache finds "an in-memory cache", "a session cache": a cache
// that is not CloudFront's or an API's.
func inMemoryCache(t *Text) int {
	for _, i := range t.mentionsOf("cache", "caches", "caching") {
		if t.Is(i-1, "in-memory", "memory", "session", "sessions", "distributed", "application", "app", "database", "db") ||
			t.Is(i, "caching") && t.Is(i+1, "layer", "cluster", "tier") {
			return i
		}
	}
	return -1
}

// cacheNodes reads "3 cache.r6g.large nodes", "a 2-node group", "a primary
// and one replica", "two replicas"; 0 when unsaid.
func (c *Ctx) cacheNodes(at int) int {
	for i := 0; i < c.T.Len(); i++ {
		if m := nodeCountRe.FindStringSubmatch(c.T.Norm(i)); m != nil {
			n := min(countWord(m[1]), 40)
			c.Claim(i, i+1)
			if strings.HasPrefix(m[2], "replica") {
				return n + 1
			}
			return n
		}
	}
	if k := c.T.Find(0, "node", "nodes"); k >= 0 {
		if n := min(c.T.CountBefore(k, 3), 40); n > 0 {
			c.Claim(k, k+1)
			return n
		}
	}
	if k := c.T.Find(0, "replica", "replicas", "replicate", "read-replica"); k >= 0 {
		n := c.T.smallCount(k, 3, 5)
		c.Claim(k, k+1)
		return n + 1
	}
	return 0
}

// countWord reads "3" or "three".
func countWord(w string) int {
	if n, err := strconv.Atoi(w); err == nil {
		return n
	}
	return numberWords[w]
}

// cacheName reads the cluster's name, or derives one from "for sessions".
func (c *Ctx) cacheName(at int, base string) string {
	if raw, k, ok := c.T.dataName(at, false); ok {
		c.Claim(k, k+1)
		return strings.ToLower(ResourceName(raw, 40))
	}
	if k := c.T.Find(at, "for"); k >= 0 && k < at+12 && c.T.isListWord(k+1) {
		return strings.ToLower(ResourceName(c.T.Raw(k+1), 30)) + "-" + base
	}
	return "app-" + base
}

func (st *dbState) redis(c *Ctx, at, nodes int, class string) {
	engine := "redis"
	if c.T.Has("valkey") {
		engine = "valkey"
	}
	id := c.cacheName(at, "cache")
	rg := spec.Resource{Type: "aws_elasticache_replication_group", Name: strings.ReplaceAll(id, "-", "_")}
	b := &rg.Body
	b.Set("replication_group_id", spec.String(id))
	b.Set("description", spec.String(strings.ToUpper(engine[:1])+engine[1:]+" for "+id))
	b.Set("engine", spec.String(engine))
	b.Set("engine_version", spec.String(cacheVersion(c.T, at, engine)))
	b.Set("node_type", spec.String(class))
	b.Set("port", spec.Int(6379))
	nodes = c.redisTopology(b, nodes)
	if days, ok := c.snapshotDays(); ok {
		b.Set("snapshot_retention_limit", spec.Int(days))
	}
	c.cacheEncryption(b)
	st.placeCache(c, &rg, "subnet_group_name", "security_group_ids", engine, 6379)
	addr := c.Add(rg)
	c.Understand("%s replication group %s: %d × %s", engine, addr, nodes, class)
}

// redisTopology sets the node count (or shards and replicas), failover and
// Multi-AZ, and returns the number of nodes.
func (c *Ctx) redisTopology(b *spec.Body, nodes int) int {
	multi := multiAZ(c.T) || c.T.HasPhrase("across azs|az|zones|availability")
	failover := c.T.Has("failover", "fail-over")
	if nodes == 0 {
		nodes = 1
		if multi || failover {
			nodes = 2
		}
		c.Assume("num_cache_clusters", "no node count named: %d", nodes)
	}
	if shards, replicas, ok := c.clusterMode(); ok {
		b.Set("num_node_groups", spec.Int(shards))
		b.Set("replicas_per_node_group", spec.Int(replicas))
		nodes = shards * (replicas + 1)
	} else {
		b.Set("num_cache_clusters", spec.Int(nodes))
	}
	if nodes > 1 {
		b.Set("automatic_failover_enabled", spec.Bool(true))
		if !failover {
			c.Assume("automatic_failover_enabled", "with replicas, a failed primary is replaced automatically")
		}
	}
	if multi && nodes > 1 {
		b.Set("multi_az_enabled", spec.Bool(true))
	}
	return nodes
}

// cacheVersion reads "Redis 7" or "engine version 6.2".
func cacheVersion(t *Text, at int, engine string) string {
	v := t.dbVersion(at)
	switch {
	case v == "7" || v == "":
		if engine == "valkey" {
			return "7.2"
		}
		return "7.1"
	case v == "6":
		return "6.2"
	case v == "8":
		return "8.0"
	}
	return v
}

func (c *Ctx) cacheEncryption(b *spec.Body) {
	rest := c.T.HasPhrase("at rest", "at-rest")
	transit := c.T.HasPhrase("in transit", "in-transit", "tls")
	if !rest && !transit && c.T.Has("encrypted", "encryption") {
		rest, transit = true, true
	}
	if rest {
		b.Set("at_rest_encryption_enabled", spec.Bool(true))
		if _, ok := wantsKMSKey(c.T); ok {
			b.Set("kms_key_id", spec.RefTo(c.KMSKey("cache"), "arn"))
		}
	}
	if transit {
		b.Set("transit_encryption_enabled", spec.Bool(true))
	}
}

func (st *dbState) memcached(c *Ctx, at, nodes int, class string) {
	id := c.cacheName(at, "memcached")
	cl := spec.Resource{Type: "aws_elasticache_cluster", Name: strings.ReplaceAll(id, "-", "_")}
	if nodes == 0 {
		nodes = 1
		c.Assume("num_cache_nodes", "no node count named: 1")
	}
	b := &cl.Body
	b.Set("cluster_id", spec.String(id))
	b.Set("engine", spec.String("memcached"))
	b.Set("node_type", spec.String(class))
	b.Set("num_cache_nodes", spec.Int(nodes))
	b.Set("port", spec.Int(11211))
	if nodes > 1 && (multiAZ(c.T) || c.T.HasPhrase("across azs|az|zones|availability")) {
		b.Set("az_mode", spec.String("cross-az"))
	}
	st.placeCache(c, &cl, "subnet_group_name", "security_group_ids", "memcached", 11211)
	addr := c.Add(cl)
	c.Understand("Memcached cluster %s: %d × %s", addr, nodes, class)
}

func (st *dbState) placeCache(c *Ctx, r *spec.Resource, subnetAttr, sgAttr, what string, port int) {
	if g, ok := c.subnetGroup("aws_elasticache_subnet_group", r.Name); ok {
		r.Body.Set(subnetAttr, spec.RefTo(g, "name"))
	}
	if sg, ok := c.dataSecurityGroup(r.Name+"_cache", what, port); ok {
		r.Body.Set(sgAttr, spec.List(spec.RefTo(sg, "id")))
		st.sg = sg
	}
}

// clusterMode reads "cluster mode with 3 shards and 2 replicas each".
func (c *Ctx) clusterMode() (shards, replicas int, ok bool) {
	i := c.T.Find(0, "shard", "shards", "sharded", "partitions")
	if i < 0 && !c.T.HasPhrase("cluster mode|mode-enabled") {
		return 0, 0, false
	}
	shards = 2
	if i >= 0 {
		if n, _, found := c.T.NumberBefore(i, 2); found {
			shards = n
		}
		c.Claim(i, i+1)
	}
	replicas = 1
	if k := c.T.Find(0, "replica", "replicas"); k >= 0 {
		if n, _, found := c.T.NumberBefore(k, 2); found {
			replicas = n
		}
	}
	return max(shards, 1), min(max(replicas, 0), 5), true
}

// snapshotDays reads "keep snapshots for 5 days", "daily backups kept 7 days".
func (c *Ctx) snapshotDays() (int, bool) {
	i := c.T.Find(0, "snapshot", "snapshots", "backup", "backups")
	if i < 0 {
		return 0, false
	}
	d, _, ok := c.T.durationNear(i, 5)
	if !ok {
		return 0, false
	}
	return min(max(Days(d), 1), 35), true
}
