package policy

import (
	"fmt"
	"strings"

	"github.com/syncloud/syncloud/internal/spec"
)

// ingress is one inbound rule, however it was written: an inline block, an
// inline attribute object, or a standalone rule resource.
type ingress struct {
	path     string   // attribute path reported, e.g. "ingress"
	protocol string   // "tcp", "-1", "6" ...; "" when not a literal
	from, to int      // port range; ok false when not literals
	ports    bool     // from and to are literals
	world    []string // the sources among "0.0.0.0/0" and "::/0"
}

// lookup reads one argument of an ingress rule.
type lookup func(name string) (spec.Value, bool)

func readIngress(path string, get lookup, protoAttr string, cidrAttrs ...string) ingress {
	in := ingress{path: path}
	if v, ok := get(protoAttr); ok && v.Kind == spec.KindString {
		in.protocol = strings.ToLower(v.Str)
	} else if ok && v.Kind == spec.KindNumber {
		in.protocol = fmt.Sprint(v.Num)
	}
	fv, fok := get("from_port")
	tv, tok := get("to_port")
	from, fok2 := intOf(fv)
	to, tok2 := intOf(tv)
	in.from, in.to, in.ports = from, to, fok && tok && fok2 && tok2
	for _, a := range cidrAttrs {
		v, _ := get(a)
		for _, cidr := range stringsOf(v) {
			if cidr == "0.0.0.0/0" || cidr == "::/0" {
				in.world = append(in.world, cidr)
			}
		}
	}
	return in
}

// judge reports an ingress rule open to the whole internet: all traffic
// (CKV_AWS_277), SSH (CKV_AWS_24), RDP (CKV_AWS_25), and any other port
// but HTTP and HTTPS (SYNCLOUD_SG_WORLD_PORT). The rule is kept: engines
// only open what was asked for.
func (c *check) judge(in ingress) {
	if len(in.world) == 0 {
		return
	}
	src := strings.Join(in.world, " and ")
	switch in.protocol {
	case "icmp", "icmpv6", "1", "58":
		return
	case "-1", "all":
		c.requested("CKV_AWS_277", High, in.path, "all traffic from %s was explicitly requested and is kept", src)
		return
	}
	if !in.ports {
		return
	}
	if in.from <= 0 && in.to >= 65535 {
		c.requested("CKV_AWS_277", High, in.path, "every port from %s was explicitly requested and is kept", src)
		return
	}
	risky := false
	for _, p := range []struct {
		port int
		id   string
		name string
	}{{22, "CKV_AWS_24", "SSH"}, {3389, "CKV_AWS_25", "RDP"}} {
		if in.from <= p.port && p.port <= in.to {
			risky = true
			c.requested(p.id, High, in.path, "%s (port %d) from %s was explicitly requested and is kept", p.name, p.port, src)
		}
	}
	web := (in.from == 80 || in.from == 443) && in.to == in.from
	if !risky && !web {
		c.requested("SYNCLOUD_SG_WORLD_PORT", Medium, in.path, "ports %d-%d from %s were explicitly requested and are kept",
			in.from, in.to, src)
	}
}

// securityGroup judges inline ingress, written as nested blocks or as the
// ingress attribute's list of objects.
func securityGroup(c *check, r *spec.Resource) {
	for _, b := range r.Body.BlocksOf("ingress") {
		c.judge(readIngress("ingress", b.Get, "protocol", "cidr_blocks", "ipv6_cidr_blocks"))
	}
	if v, ok := r.Body.Get("ingress"); ok && v.Kind == spec.KindList {
		for _, obj := range v.List {
			if obj.Kind == spec.KindMap {
				c.judge(readIngress("ingress", mapLookup(obj), "protocol", "cidr_blocks", "ipv6_cidr_blocks"))
			}
		}
	}
}

// securityGroupRule judges aws_security_group_rule resources of type ingress.
func securityGroupRule(c *check, r *spec.Resource) {
	if stringAttr(&r.Body, "type") != "ingress" {
		return
	}
	c.judge(readIngress("", r.Body.Get, "protocol", "cidr_blocks", "ipv6_cidr_blocks"))
}

// vpcIngressRule judges aws_vpc_security_group_ingress_rule resources.
func vpcIngressRule(c *check, r *spec.Resource) {
	c.judge(readIngress("", r.Body.Get, "ip_protocol", "cidr_ipv4", "cidr_ipv6"))
}

func mapLookup(m spec.Value) lookup {
	return func(name string) (spec.Value, bool) {
		for _, e := range m.Map {
			if e.Key == name {
				return e.Value, true
			}
		}
		return spec.Value{}, false
	}
}
