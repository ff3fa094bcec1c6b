package rules

import (
	"regexp"
	"strconv"
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

// engineVersionRe matches an engine glued to its version: "pg16",
// "postgres15", "mysql8.0", "redis7".
var engineVersionRe = regexp.MustCompile(`^(pg|postgres|postgresql|mysql|mariadb|redis|valkey)-?v?(\d{1,2}(?:\.\d{1,2})?)$`)

// splitEngineVersion splits "pg16" into the engine ("postgres") and the
// version ("16"), so that the engine and version readers see two words.
func splitEngineVersion(raw string) (engine, version string, ok bool) {
	m := engineVersionRe.FindStringSubmatch(strings.ToLower(raw))
	if m == nil {
		return "", "", false
	}
	if m[1] == "pg" {
		m[1] = "postgres"
	}
	return m[1], m[2], true
}

// wordVersions are the major versions users write as words ("MySQL
// eight", "Postgres sixteen"), per engine; other number words after an
// engine are counts, not versions.
var wordVersions = map[string][]int{
	"postgres": {11, 12, 13, 14, 15, 16, 17}, "mysql": {8}, "mariadb": {10, 11},
}

// wordVersionAt reads a major version written as a word at token k.
func (t *Text) wordVersionAt(k int, engine string) string {
	n, ok := numberWords[t.Norm(k)]
	if !ok || t.isUnitAfter(k) {
		return ""
	}
	for _, v := range wordVersions[engine] {
		if v == n {
			return strconv.Itoa(n)
		}
	}
	return ""
}

// fullDBVersion writes a bare major version the way RDS names it: MySQL
// "8" is "8.0", MariaDB "10" is "10.11".
func fullDBVersion(engine, v string) string {
	switch {
	case engine == "mysql" && v == "8", engine == "mysql" && v == "5":
		return map[string]string{"8": "8.0", "5": "5.7"}[v]
	case engine == "mariadb" && v == "10", engine == "mariadb" && v == "11":
		return map[string]string{"10": "10.11", "11": "11.4"}[v]
	}
	return v
}

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
		if e.version == "" {
			e.version = t.wordVersionAt(i+1, e.name)
		}
		e.version = fullDBVersion(e.name, e.version)
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
