package policy

import (
	"github.com/syncloud/syncloud/internal/spec"
)

// rdsInstance: encrypted storage (CKV_AWS_16), not publicly accessible
// (CKV_AWS_17), and the master password managed in Secrets Manager.
// Read replicas and snapshot restores inherit encryption and credentials
// from their source, so only public access is set on them.
func rdsInstance(c *check, r *spec.Resource) {
	notPublic(c, &r.Body)
	if r.Body.Has("replicate_source_db") || r.Body.Has("snapshot_identifier") {
		return
	}
	if stringAttr(&r.Body, "engine") == "sqlserver-ex" {
		c.advise("CKV_AWS_16", Low, "storage_encrypted", "SQL Server Express cannot encrypt its storage; choose another edition for encryption at rest")
	} else {
		encryptStorage(c, &r.Body)
	}
	managedPassword(c, &r.Body, "password", "password_wo", "password_wo_version")
}

// rdsCluster: encrypted storage (CKV_AWS_16) and a managed master password,
// except for clusters that replicate, restore or join a global cluster,
// whose encryption and credentials come from elsewhere.
func rdsCluster(c *check, r *spec.Resource) {
	for _, src := range []string{"replication_source_identifier", "snapshot_identifier", "global_cluster_identifier"} {
		if r.Body.Has(src) {
			return
		}
	}
	encryptStorage(c, &r.Body)
	managedPassword(c, &r.Body, "master_password", "master_password_wo", "master_password_wo_version")
}

// rdsClusterInstance keeps cluster members private (CKV_AWS_17).
func rdsClusterInstance(c *check, r *spec.Resource) { notPublic(c, &r.Body) }

func notPublic(c *check, b *spec.Body) {
	c.enforce(b, setting{id: "CKV_AWS_17", sev: High, attr: "publicly_accessible", want: spec.Bool(false),
		safe:   func(v spec.Value) bool { on, ok := boolOf(v); return !ok || !on },
		reason: "private database networking"})
}

func encryptStorage(c *check, b *spec.Body) {
	c.enforce(b, setting{id: "CKV_AWS_16", sev: High, attr: "storage_encrypted", want: spec.Bool(true),
		safe: notFalse, reason: "storage encryption"})
}

// managedPassword removes literal master passwords (a secret never stays in
// configuration) and turns on manage_master_user_password, so RDS keeps the
// password in Secrets Manager. A password given by reference is kept, since
// it already comes from elsewhere, and the two cannot be combined.
func managedPassword(c *check, b *spec.Body, password, writeOnly, writeOnlyVersion string) {
	removed := ""
	for _, attr := range []string{password, writeOnly} {
		if v, ok := b.Get(attr); ok && !isRef(v) {
			b.Unset(attr)
			removed = attr
		}
	}
	if removed == writeOnly {
		b.Unset(writeOnlyVersion)
	}
	if b.Has(password) || b.Has(writeOnly) {
		c.advise("SYNCLOUD_RDS_PASSWORD", Low, password,
			"the master password comes from a reference; manage_master_user_password would keep it in Secrets Manager")
		return
	}
	if removed != "" {
		b.Set("manage_master_user_password", spec.Bool(true))
		c.fixed("SYNCLOUD_RDS_PASSWORD", Critical, removed,
			"removed the literal %s: a password never stays in configuration; set manage_master_user_password = true so RDS keeps it in Secrets Manager", removed)
		return
	}
	c.enforce(b, setting{id: "SYNCLOUD_RDS_PASSWORD", sev: Medium, attr: "manage_master_user_password",
		want: spec.Bool(true), safe: func(spec.Value) bool { return true },
		reason: "a master password managed in Secrets Manager"})
}
