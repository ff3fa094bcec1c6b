package rules

import (
	"regexp"
	"strings"

	"github.com/syncloud/syncloud/internal/spec"
)

// Relational engines as users name them, their versions and ports, shared
// by RDS instances and Aurora clusters.

// dbEngine is an engine the prompt names.
type dbEngine struct {
	name    string // RDS engine: "postgres", "mysql", "sqlserver-se", ...
	at      int    // token naming it, or -1 when assumed
	version string // as written ("16", "8.0", "15.4"), or ""
	port    int
}

var dbVersionRe = regexp.MustCompile(`^v?(\d{1,2}(?:\.\d{1,2}){0,2})(?:-compatible|-compat|\.x)?$`)

// findDBEngine reads the first relational engine named in the prompt.
func findDBEngine(t *Text) dbEngine {
	for i := 0; i < t.Len(); i++ {
		e := dbEngine{at: i}
		switch {
		case t.Is(i, "postgres", "postgresql", "postgre", "psql", "pg") || compatible(t.Norm(i), "postgres"):
			e.name, e.port = "postgres", 5432
		case t.Is(i, "mysql") || compatible(t.Norm(i), "mysql"):
			e.name, e.port = "mysql", 3306
		case t.Is(i, "mariadb", "maria"):
			e.name, e.port = "mariadb", 3306
		case t.Is(i, "sqlserver", "mssql") || t.Is(i, "sql") && t.Is(i+1, "server"):
			e.name, e.port = sqlServerEdition(t), 1433
		case t.Is(i, "oracle"):
			e.name, e.port = "oracle-se2", 1521
			if t.Has("enterprise") {
				e.name = "oracle-ee"
			}
		default:
			continue
		}
		e.version = t.dbVersion(i)
		return e
	}
	return dbEngine{name: "postgres", at: -1, port: 5432}
}

// compatible reports engine words with a prefix or suffix:
// "aurora-postgresql", "postgresql-compatible", "mysql-compatible".
func compatible(word, engine string) bool {
	w := strings.TrimPrefix(word, "aurora-")
	w = strings.TrimSuffix(strings.TrimSuffix(w, "-compatible"), "-compat")
	return w != word && strings.HasPrefix(w, engine)
}

func sqlServerEdition(t *Text) string {
	switch {
	case t.Has("express"):
		return "sqlserver-ex"
	case t.Has("enterprise"):
		return "sqlserver-ee"
	case t.Has("web"):
		return "sqlserver-web"
	}
	return "sqlserver-se"
}

// dbVersion reads the version written after the engine ("Postgres 15",
// "MySQL (8.0-compatible)") or after "version"/"v" nearby.
func (t *Text) dbVersion(i int) string {
	for k := i + 1; k <= i+3 && k < t.Len(); k++ {
		if t.Is(k, "server") {
			continue
		}
		if v := t.versionAt(k); v != "" {
			return v
		}
		if !t.Is(k, "version", "v", "engine", "aurora", "rds", "compatible", "with") {
			break
		}
	}
	if k := t.Find(0, "version", "versions"); k >= 0 {
		if v := t.versionAt(k + 1); v != "" {
			return v
		}
	}
	for k := i + 1; k <= i+6 && k < t.Len(); k++ {
		if n := t.Norm(k); len(n) > 1 && n[0] == 'v' && n[1] >= '0' && n[1] <= '9' {
			return t.versionAt(k) // "postgres db, v15"
		}
	}
	return ""
}

func (t *Text) versionAt(k int) string {
	if k >= t.Len() || t.isUnitAfter(k) {
		return ""
	}
	m := dbVersionRe.FindStringSubmatch(t.Norm(k))
	if m == nil {
		return ""
	}
	return m[1]
}

// major returns the version's major part as RDS parameter group families
// spell it: "16" for postgres, "8.0" for mysql, "10.11" for mariadb.
func (e dbEngine) major(defaultVersion string) string {
	v := e.version
	if v == "" {
		v = defaultVersion
	}
	parts := strings.Split(v, ".")
	if e.name == "postgres" || strings.HasPrefix(e.name, "aurora-postgresql") {
		if parts[0] == "9" && len(parts) > 1 {
			return parts[0] + "." + parts[1]
		}
		return parts[0]
	}
	if len(parts) == 1 {
		return parts[0] + ".0"
	}
	return parts[0] + "." + parts[1]
}

// rdsDefaultVersion is the version used when none is named.
func rdsDefaultVersion(engine string) string {
	switch {
	case engine == "postgres":
		return "16"
	case engine == "mysql":
		return "8.0"
	case engine == "mariadb":
		return "10.11"
	case strings.HasPrefix(engine, "sqlserver"):
		return "16.00"
	}
	return "19"
}

// paramFamily returns the parameter group family of an engine and version.
func paramFamily(e dbEngine, version string) string {
	switch {
	case e.name == "postgres", e.name == "mysql", e.name == "mariadb":
		return e.name + e.major(version)
	case strings.HasPrefix(e.name, "sqlserver"):
		return e.name + "-" + strings.Split(version, ".")[0] + ".0"
	}
	return e.name + "-" + strings.Split(version, ".")[0]
}

// dbParameters reads parameter settings: "sets log_min_duration_statement
// to 500", "max_connections=200".
func (c *Ctx) dbParameters() []spec.Entry {
	var out []spec.Entry
	for i := 0; i < c.T.Len(); i++ {
		raw := c.T.Raw(i)
		if k, v, ok := strings.Cut(raw, "="); ok && strings.Contains(k, "_") && v != "" && !c.nearTagWord(i) {
			out = append(out, spec.Entry{Key: k, Value: spec.String(v)})
			c.Claim(i, i+1)
			continue
		}
		if strings.Count(raw, "_") >= 1 && isParamName(raw) && c.T.Is(i+1, "to", "=", "of", "at") && i+2 < c.T.Len() {
			out = append(out, spec.Entry{Key: raw, Value: spec.String(c.T.Raw(i + 2))})
			c.Claim(i, i+3)
		}
	}
	return out
}

func isParamName(s string) bool {
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_' || r == '.') {
			return false
		}
	}
	return true
}
