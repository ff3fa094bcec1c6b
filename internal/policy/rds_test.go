package policy

import (
	"testing"

	"github.com/syncloud/syncloud/internal/spec"
)

func TestRDS(t *testing.T) {
	class := attr("instance_class", spec.String("db.t3.micro"))
	user := attr("username", spec.String("app"))
	secret := spec.Address{Type: "aws_secretsmanager_secret_version", Name: "db"}
	secretRes := res("aws_secretsmanager_secret_version", "db", attr("secret_id", spec.String("db")),
		attr("secret_string", spec.String("x")))
	const db = "aws_db_instance.db"
	runHarden(t, []hardenCase{{
		name: "bare instance: private, encrypted, managed password",
		in:   []spec.Resource{res("aws_db_instance", "db", class, user)},
		want: []spec.Resource{res("aws_db_instance", "db", class, user, attr("publicly_accessible", spec.Bool(false)),
			attr("storage_encrypted", spec.Bool(true)), attr("manage_master_user_password", spec.Bool(true)))},
		findings: Findings{
			fixed("CKV_AWS_17", High, db, "publicly_accessible"),
			fixed("CKV_AWS_16", High, db, "storage_encrypted"),
			fixed("SYNCLOUD_RDS_PASSWORD", Medium, db, "manage_master_user_password"),
		},
	}, {
		name: "literal password is dropped, public and unencrypted are kept",
		in: []spec.Resource{res("aws_db_instance", "db", class, user, attr("password", spec.String("hunter2hunter2")),
			attr("publicly_accessible", spec.Bool(true)), attr("storage_encrypted", spec.Bool(false)))},
		want: []spec.Resource{res("aws_db_instance", "db", class, user,
			attr("publicly_accessible", spec.Bool(true)), attr("storage_encrypted", spec.Bool(false)),
			attr("manage_master_user_password", spec.Bool(true)))},
		findings: Findings{
			requested("CKV_AWS_17", High, db, "publicly_accessible"),
			requested("CKV_AWS_16", High, db, "storage_encrypted"),
			fixed("SYNCLOUD_RDS_PASSWORD", Critical, db, "password"),
		},
	}, {
		name: "write-only password and its version are dropped too",
		in: []spec.Resource{res("aws_db_instance", "db", class, user, attr("password_wo", spec.String("s3cret-s3cret")),
			attr("password_wo_version", spec.Int(1)), attr("storage_encrypted", spec.Bool(true)),
			attr("publicly_accessible", spec.Bool(false)))},
		want: []spec.Resource{res("aws_db_instance", "db", class, user, attr("storage_encrypted", spec.Bool(true)),
			attr("publicly_accessible", spec.Bool(false)), attr("manage_master_user_password", spec.Bool(true)))},
		findings: Findings{fixed("SYNCLOUD_RDS_PASSWORD", Critical, db, "password_wo")},
	}, {
		name: "password by reference is kept with advice",
		in: []spec.Resource{secretRes, res("aws_db_instance", "db", class, user,
			attr("password", spec.RefTo(secret, "secret_string")))},
		want: []spec.Resource{secretRes, res("aws_db_instance", "db", class, user,
			attr("password", spec.RefTo(secret, "secret_string")), attr("publicly_accessible", spec.Bool(false)),
			attr("storage_encrypted", spec.Bool(true)))},
		findings: Findings{
			fixed("CKV_AWS_17", High, db, "publicly_accessible"),
			fixed("CKV_AWS_16", High, db, "storage_encrypted"),
			advice("SYNCLOUD_RDS_PASSWORD", Low, db, "password"),
		},
	}, {
		name: "SQL Server Express cannot be encrypted",
		in:   []spec.Resource{res("aws_db_instance", "db", class, user, attr("engine", spec.String("sqlserver-ex")))},
		want: []spec.Resource{res("aws_db_instance", "db", class, user, attr("engine", spec.String("sqlserver-ex")),
			attr("publicly_accessible", spec.Bool(false)), attr("manage_master_user_password", spec.Bool(true)))},
		findings: Findings{
			fixed("CKV_AWS_17", High, db, "publicly_accessible"),
			advice("CKV_AWS_16", Low, db, "storage_encrypted"),
			fixed("SYNCLOUD_RDS_PASSWORD", Medium, db, "manage_master_user_password"),
		},
	}, {
		name: "read replica inherits encryption and credentials",
		in: []spec.Resource{res("aws_db_instance", "replica", class,
			attr("replicate_source_db", spec.String("primary-db")))},
		want: []spec.Resource{res("aws_db_instance", "replica", class,
			attr("replicate_source_db", spec.String("primary-db")), attr("publicly_accessible", spec.Bool(false)))},
		findings: Findings{fixed("CKV_AWS_17", High, "aws_db_instance.replica", "publicly_accessible")},
	}, {
		name: "aurora cluster and its instances",
		in: []spec.Resource{
			res("aws_rds_cluster", "main", attr("engine", spec.String("aurora-postgresql")),
				attr("master_username", spec.String("app")), attr("master_password", spec.String("pw-pw-pw-pw"))),
			counted(res("aws_rds_cluster_instance", "main", attr("cluster_identifier", spec.String("main")),
				attr("engine", spec.String("aurora-postgresql")), class), 2),
		},
		want: []spec.Resource{
			res("aws_rds_cluster", "main", attr("engine", spec.String("aurora-postgresql")),
				attr("master_username", spec.String("app")), attr("storage_encrypted", spec.Bool(true)),
				attr("manage_master_user_password", spec.Bool(true))),
			counted(res("aws_rds_cluster_instance", "main", attr("cluster_identifier", spec.String("main")),
				attr("engine", spec.String("aurora-postgresql")), class, attr("publicly_accessible", spec.Bool(false))), 2),
		},
		findings: Findings{
			fixed("CKV_AWS_16", High, "aws_rds_cluster.main", "storage_encrypted"),
			fixed("SYNCLOUD_RDS_PASSWORD", Critical, "aws_rds_cluster.main", "master_password"),
			fixed("CKV_AWS_17", High, "aws_rds_cluster_instance.main", "publicly_accessible"),
		},
	}})
}
