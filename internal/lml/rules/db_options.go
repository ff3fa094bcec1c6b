package rules

import (
	"github.com/syncloud/syncloud/internal/spec"
)

// Optional RDS settings: database and master user names, port,
// Performance Insights, IAM authentication, Enhanced Monitoring and log
// exports to CloudWatch.

// dbOptions reads the database name, master user name, port, Performance
// Insights and IAM authentication.
func (c *Ctx) dbOptions(b *spec.Body) {
	if k := c.T.Phrase(0, "database|db|initial|default name|database"); k >= 0 && c.T.isAttrName(k+2) && !c.T.Is(k+2, dataFillers...) {
		b.Set("db_name", spec.String(dbIdent(c.T.Raw(k+2))))
		c.Claim(k, k+3)
	}
	if k := c.T.Find(0, "username", "user", "login"); k >= 0 && c.T.Is(k-1, "master", "admin") || k >= 0 && c.T.Is(k, "username") {
		if n := k + 1 + boolInt(c.T.Is(k+1, "is", "of", "=")); c.T.isAttrName(n) && !c.T.Is(n, dataFillers...) {
			b.Set("username", spec.String(dbIdent(c.T.Raw(n))))
			c.Claim(k, n+1)
		}
	}
	if c.T.HasPhrase("performance insights", "performance-insights") {
		b.Set("performance_insights_enabled", spec.Bool(true))
	}
	if c.T.HasPhrase("iam auth|authentication", "iam database authentication", "iam-auth") {
		b.Set("iam_database_authentication_enabled", spec.Bool(true))
	}
	for _, p := range c.T.Ports() {
		if c.T.Near(p.At, 2, "port", "listen", "listening") >= 0 && p.Value > 1023 {
			b.Set("port", spec.Int(p.Value))
			c.Claim(p.At, p.At+1)
			break
		}
	}
}

// dbIdent keeps letters, digits and underscores, starting with a letter,
// as RDS database and user names must.
func dbIdent(s string) string {
	var out []rune
	for _, r := range s {
		if isLetterRune(r) || len(out) > 0 && (r >= '0' && r <= '9' || r == '_') {
			out = append(out, r)
		}
	}
	if len(out) == 0 {
		return "app"
	}
	return string(out)
}

// logExports lists the CloudWatch log types each engine can export.
var logExports = map[string][]string{
	"postgres": {"postgresql", "upgrade"}, "mysql": {"error", "general", "slowquery"},
	"mariadb": {"error", "general", "slowquery"}, "sqlserver": {"error", "agent"},
	"oracle": {"alert", "audit", "listener", "trace"}, "aurora-postgresql": {"postgresql"},
	"aurora-mysql": {"audit", "error", "general", "slowquery"},
}

// dbLogExports reads "export logs to CloudWatch", "slow query logs".
func (c *Ctx) dbLogExports(b *spec.Body, engine string) {
	if !c.T.HasPhrase("log|logs export|exports|exported|to", "export|exports|ship|send|stream logs", "slow query|queries",
		"slowquery", "cloudwatch logs") {
		return
	}
	key := engine
	for _, k := range []string{"sqlserver", "oracle"} {
		if len(engine) >= len(k) && engine[:len(k)] == k {
			key = k
		}
	}
	if types, ok := logExports[key]; ok {
		b.Set("enabled_cloudwatch_logs_exports", spec.Strings(types...))
		c.Understand("%s logs exported to CloudWatch Logs", engine)
	}
}

// dbMonitoring turns on Enhanced Monitoring ("enhanced monitoring every
// 15 seconds") with the role RDS needs to publish it.
func (c *Ctx) dbMonitoring(b *spec.Body) {
	i := c.T.Phrase(0, "enhanced monitoring")
	if i < 0 {
		return
	}
	c.Claim(i, i+2)
	interval := 60
	if d, _, ok := c.T.durationNear(i, 6); ok {
		for _, allowed := range []int{1, 5, 10, 15, 30, 60} {
			if d >= allowed {
				interval = allowed
			}
		}
	}
	role := c.ServiceRole("rds_monitoring", "monitoring.rds.amazonaws.com",
		ManagedPolicyARN("service-AmazonRDSEnhancedMonitoringRole"))
	b.Set("monitoring_interval", spec.Int(interval))
	b.Set("monitoring_role_arn", spec.RefTo(role, "arn"))
	c.Understand("Enhanced Monitoring every %d s", interval)
}
