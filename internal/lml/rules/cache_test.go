package rules

import "testing"

func TestElastiCache(t *testing.T) {
	runStackCases(t, []stackCase{
		{"valkey cache with 3 nodes in Frankfurt, encrypted", []want{
			{"aws_elasticache_replication_group", map[string]string{"engine": "valkey", "num_cache_clusters": "3",
				"automatic_failover_enabled": "true", "at_rest_encryption_enabled": "true", "transit_encryption_enabled": "true"}, 1},
		}},
		{"redis 6 on cache.m6g.large with two replicas, TLS in transit", []want{
			{"aws_elasticache_replication_group", map[string]string{"engine_version": "6.2", "node_type": "cache.m6g.large",
				"num_cache_clusters": "3", "transit_encryption_enabled": "true"}, 1},
		}},
		{"redis cluster mode enabled: 3 shards with 2 replicas each on cache.r7g.large, snapshots kept 5 days", []want{
			{"aws_elasticache_replication_group", map[string]string{"num_node_groups": "3", "replicas_per_node_group": "2",
				"snapshot_retention_limit": "5", "automatic_failover_enabled": "true"}, 1},
		}},
		{"an in-memory cache for sessions with 2 nodes", []want{
			{"aws_elasticache_replication_group", map[string]string{"engine": "redis", "num_cache_clusters": "2"}, 1},
		}},
		{"CloudFront distribution with a cache policy", []want{{"aws_elasticache_replication_group", nil, 0}}},
		{"a three node memcached cluster on cache.t4g.micro spread across availability zones", []want{
			{"aws_elasticache_cluster", map[string]string{"engine": "memcached", "num_cache_nodes": "3", "az_mode": "cross-az"}, 1},
		}},
	})
}
