package rules

import (
	"net/netip"
	"regexp"
	"strconv"
	"strings"
)

// CIDRs returns every IPv4 CIDR block in the text ("10.0.0.0/16").
func (t *Text) CIDRs() []Located[string] {
	var out []Located[string]
	for i, tok := range t.Toks {
		if p, err := netip.ParsePrefix(tok.Norm); err == nil && p.Addr().Is4() {
			out = append(out, Located[string]{At: i, Value: p.Masked().String()})
		}
	}
	return out
}

// IPs returns every bare IPv4 address ("203.0.113.7"), not CIDRs.
func (t *Text) IPs() []Located[string] {
	var out []Located[string]
	for i, tok := range t.Toks {
		if a, err := netip.ParseAddr(tok.Norm); err == nil && a.Is4() {
			out = append(out, Located[string]{At: i, Value: a.String()})
		}
	}
	return out
}

// wellKnownPorts maps protocol names users say to their ports.
var wellKnownPorts = map[string]int{
	"ssh": 22, "http": 80, "https": 443, "rdp": 3389, "mysql": 3306, "mariadb": 3306, "aurora": 3306,
	"postgres": 5432, "postgresql": 5432, "redis": 6379, "memcached": 11211, "smtp": 25, "dns": 53,
	"mongodb": 27017, "mssql": 1433, "oracle": 1521, "ftp": 21, "nfs": 2049, "kafka": 9092,
	"mongo": 27017, "psql": 5432, "sqlserver": 1433, "valkey": 6379, "winrm": 5986, "ldap": 389, "ldaps": 636,
	"elasticsearch": 9200, "cassandra": 9042, "rabbitmq": 5672, "amqp": 5672, "mqtt": 1883,
	"vnc": 5900, "smb": 445, "prometheus": 9090, "grafana": 3000, "zookeeper": 2181,
}

// PortName returns the port of a protocol name, and whether it is known.
func PortName(word string) (int, bool) {
	p, ok := wellKnownPorts[strings.ToLower(word)]
	return p, ok
}

var portRe = regexp.MustCompile(`^(\d{1,5})(?:/(tcp|udp))?$`)

// Ports returns every port written as a number after "port"/"ports"/"on"/
// "tcp"/"udp" or as "80/tcp".
func (t *Text) Ports() []Located[int] {
	var out []Located[int]
	for i := range t.Toks {
		m := portRe.FindStringSubmatch(t.Norm(i))
		if m == nil {
			continue
		}
		p, _ := strconv.Atoi(m[1])
		if p < 1 || p > 65535 {
			continue
		}
		if m[2] != "" || t.Is(i-1, "port", "ports", "on", "tcp", "udp", "to", "listening", "and") && !t.isUnitAfter(i) {
			out = append(out, Located[int]{At: i, Value: p})
		}
	}
	return out
}
