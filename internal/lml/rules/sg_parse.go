package rules

import (
	"net/netip"
	"regexp"
	"strconv"
	"strings"
)

// sgPortRe matches a port or range as written in firewall talk: "443",
// "8000-8100", "53/udp".
var sgPortRe = regexp.MustCompile(`^(\d{1,5})(?:-(\d{1,5}))?(?:/(tcp|udp))?$`)

// sgPortWords may introduce a bare port number.
var sgPortWords = []string{"port", "ports", "on", "allow", "allowing", "allows", "open", "opens", "opening",
	"inbound", "ingress", "outbound", "egress", "outgoing", "permit", "permits", "permitting", "except", "plus", "with",
	"accept", "accepts", "accepting", "and", "or", "tcp", "udp", "expose", "exposes", "exposing", "for", "only"}

// sgAfterPort may follow a port number ("443 to the world", "5432 from").
var sgAfterPort = []string{"from", "to", "and", "or", "tcp", "udp", "only", "inbound", "ingress", "open", "for",
	"in", "on", "with", "is", "are", "via", "over", "traffic", "access", "port", "ports", "allowed", "opened", "too"}

// portRange is a span of ports with its protocol, and the token naming it.
type portRange struct {
	from, to int
	proto    string
	at       int
}

// sgPorts reads the ports named in [from, to): protocol names ("SSH",
// "HTTPS", "MySQL"), numbers after port words, ranges, "all traffic", ICMP.
func sgPorts(c *Ctx, from, to int) []portRange {
	t := c.T
	udp := false
	for j := from; j < to; j++ {
		udp = udp || t.Norm(j) == "udp"
	}
	var out []portRange
	for j := from; j < to && j < t.Len(); j++ {
		if c.Claimed(j) && !t.Is(j-1, "allow", "allows", "allowing", "accept", "accepts", "only", "and", "open", "for") {
			continue
		}
		if t.Is(j-1, "no", "without", "not", "disable", "disabled", "block", "blocks") || t.Is(j-2, "instead") && t.Is(j-1, "of") {
			continue // "SSM instead of SSH", "no SSH"
		}
	next:
		for _, p := range sgPortsAt(c, j, udp) {
			p.at = j
			for _, q := range out {
				if q.from == p.from && q.to == p.to && q.proto == p.proto {
					continue next
				}
			}
			out = append(out, p)
		}
	}
	return out
}

// sgPortsAt reads the ports token j names: "web traffic", "all traffic",
// "ping", a protocol name, a number after a port word, or "80/443".
func sgPortsAt(c *Ctx, j int, udp bool) []portRange {
	t := c.T
	n := t.Norm(j)
	switch {
	case n == "web" && t.Is(j+1, "traffic"):
		return []portRange{{80, 80, "tcp", 0}, {443, 443, "tcp", 0}}
	case (n == "all" || n == "any") && t.Is(j+1, "traffic", "ports", "protocols"):
		return []portRange{{0, 0, "-1", 0}}
	case n == "icmp" || n == "ping":
		return []portRange{{-1, -1, "icmp", 0}}
	case n == "dns" && t.Is(j+1, "hostnames", "support", "resolution", "names", "name"),
		n == "http" && t.Is(j+1, "api", "apis"),
		n == "ssh" && t.Is(j+1, "key", "keys", "keypair", "public"):
		return nil
	}
	if p, ok := PortName(n); ok {
		return []portRange{{p, p, "tcp", 0}}
	}
	if c.Claimed(j) {
		return nil
	}
	if p, ok := sgPortNumber(t, j, udp); ok {
		return []portRange{p}
	}
	a, b, _ := strings.Cut(n, "/")
	pa, ea := strconv.Atoi(a)
	pb, eb := strconv.Atoi(b)
	if ea == nil && eb == nil && pa >= 1 && pb >= 1 && pa <= 65535 && pb <= 65535 { // "80/443"
		return []portRange{{pa, pa, "tcp", 0}, {pb, pb, "tcp", 0}}
	}
	return nil
}

// sgPortNumber reads a port number at j when a port word leads to it.
func sgPortNumber(t *Text, j int, udp bool) (portRange, bool) {
	m := sgPortRe.FindStringSubmatch(t.Norm(j))
	if m == nil || t.isUnitAfter(j) {
		return portRange{}, false
	}
	lead := t.Is(j-1, sgPortWords...) || t.Is(j-1, "in") && t.Is(j-2, "let", "lets", "letting") ||
		j > 0 && t.Toks[j-1].Break && t.Is(j+1, sgAfterPort...) || // "web-sg: 80 and 443 open", ", 22 from the office" (j > 0 && t.Toks[j-1].Break && t.Is(j-2, "port", "ports")) ||
		(j > 1 && t.Toks[j-1].Break && sgPortRe.MatchString(t.Norm(j-1)) && t.Is(j-2, sgPortWords...))
	count := t.Norm(j+1) != "" && isWord(t.Norm(j+1)) && !t.Toks[j].Break && !t.Is(j+1, sgAfterPort...)
	if !lead || (count && !t.Is(j-1, "port", "ports")) {
		return portRange{}, false // "3 app servers": a count
	}
	from, _ := strconv.Atoi(m[1])
	to := from
	if m[2] != "" {
		to, _ = strconv.Atoi(m[2])
	}
	if from < 1 || to > 65535 || to < from {
		return portRange{}, false
	}
	proto := "tcp"
	if m[3] == "udp" || (m[3] == "" && udp) {
		proto = "udp"
	}
	return portRange{from, to, proto, j}, true
}

// anywhereWords say traffic may come from the whole internet.
var anywhereWords = []string{"anywhere", "world", "internet", "everyone", "everywhere", "anybody", "anyone", "all"}

// sgSources reads where traffic comes from in [from, to): IPs ("my IP
// 203.0.113.7" → /32), CIDRs, the VPC, anywhere, or another group by role.
func sgSources(c *Ctx, from, to int, roles []string) []sgSource {
	t := c.T
	var out []sgSource
	for j := from; j < to && j < t.Len(); j++ {
		n := t.Norm(j)
		if a, err := netip.ParseAddr(n); err == nil && a.Is4() {
			out = append(out, sgSource{cidr: a.String() + "/32", at: j})
			c.Claim(j, j+1)
			continue
		}
		if p, err := netip.ParsePrefix(n); err == nil && p.Addr().Is4() && (!c.Claimed(j) || isSourceCIDR(t, j)) {
			out = append(out, sgSource{cidr: p.Masked().String(), at: j})
			c.Claim(j, j+1)
			continue
		}
		if s, ok := sgWordSource(t, j, roles); ok {
			s.at = j
			out = append(out, s)
		}
	}
	return out
}

// sgWordSource reads a source written in words at j: "from anywhere", "to
// the world", "from inside the VPC", "from the web tier".
func sgWordSource(t *Text, j int, roles []string) (sgSource, bool) {
	led := t.Is(j-1, "only") || t.Is(j-1, "the") && t.Is(j-2, "only") // "only the bastion can SSH in"
	for k := j - 1; k >= j-4 && k >= 0 && !led; k-- {
		led = t.Is(k, "from", "inside", "within", "to", "by")
	}
	switch {
	case t.Is(j, anywhereWords...) && (t.Is(j-1, "from", "to") || t.Is(j-2, "from", "to")) && !t.Is(j+1, "vpc"):
		return sgSource{cidr: "0.0.0.0/0"}, true
	case t.Norm(j) == "public" && t.Is(j-1, "the") && t.Is(j-2, "to", "from"):
		return sgSource{cidr: "0.0.0.0/0"}, true
	case t.Is(j, "vpc", "vpcs") && led:
		return sgSource{vpc: true}, true
	}
	if !led {
		return sgSource{}, false
	}
	for _, r := range roles {
		if t.Norm(j) == r || t.Norm(j) == r+"'s" || r == "bastion" && isBastionWord(t, j) {
			return sgSource{sg: r}, true
		}
	}
	return sgSource{}, false
}

// sgRulesFor combines ports and sources into rules. A port takes the
// sources written after it and before the next port ("SSH from 1.2.3.4 and
// HTTPS from anywhere"), or those of the ports that follow it ("HTTP and
// HTTPS from anywhere"), or the last ones before it. Without a source, web
// ports are open to the world and every other port to the VPC.
func sgRulesFor(c *Ctx, ports []portRange, srcs []sgSource, role string) []sgRule {
	var out []sgRule
	for i, p := range ports {
		ss := sourcesFor(ports, srcs, i)
		if len(ss) == 0 {
			ss = []sgSource{defaultSource(c, p, role)}
		}
		egress := outboundAt(c.T, p.at)
		for _, s := range ss {
			if s.sg == role && role != "" {
				continue
			}
			out = append(out, sgRule{from: p.from, to: p.to, proto: p.proto, source: s, egress: egress})
		}
	}
	return out
}

// outboundAt reports whether the port at j is said of outbound traffic:
// "outbound HTTPS", "egress on 443", "allows outgoing 5432".
func outboundAt(t *Text, j int) bool {
	for k := j - 1; k >= j-6 && k >= 0; k-- {
		if t.Is(k, "outbound", "egress", "outgoing") {
			return true
		}
		if t.Is(k, "inbound", "ingress", "incoming") || t.Toks[k].Break {
			return false
		}
	}
	return false
}

// sourcesFor picks the sources of port i by position.
func sourcesFor(ports []portRange, srcs []sgSource, i int) []sgSource {
	for k := i; k < len(ports); k++ {
		end := 1 << 30
		if k+1 < len(ports) {
			end = ports[k+1].at
		}
		var ss []sgSource
		for _, s := range srcs {
			if s.at > ports[k].at && s.at < end {
				ss = append(ss, s)
			}
		}
		if len(ss) > 0 {
			return ss
		}
	}
	var before []sgSource
	for _, s := range srcs {
		if s.at < ports[i].at {
			before = append(before, s)
		}
	}
	return before
}

func defaultSource(c *Ctx, p portRange, role string) sgSource {
	if p.from == 80 || p.from == 443 {
		c.Assume("aws_security_group."+LocalName(role), "port %d open to the internet (no source named)", p.from)
		return sgSource{cidr: "0.0.0.0/0"}
	}
	c.Assume("aws_security_group."+LocalName(role), "port %d allowed only from inside the VPC (no source named)", p.from)
	return sgSource{vpc: true}
}
