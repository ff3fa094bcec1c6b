package rules

import (
	"strconv"
	"strings"

	"github.com/syncloud/syncloud/internal/spec"
)

// lbPlan is the load balancer a prompt asks for.
type lbPlan struct {
	at         int
	network    bool // NLB rather than ALB
	internal   bool
	https      bool
	redirect   bool // plain HTTP on 80 redirects to HTTPS
	listen     []int
	targetPort int
	targetType string // "instance" or "ip"
	proto      string // NLB listener protocol: TCP, UDP, TLS
}

// lbPhrases name a load balancer.
var lbPhrases = []string{"application load|traffic balancer|balancers", "network load|traffic balancer|balancers",
	"load|traffic balancer|balancers", "load-balancer", "loadbalancer", "alb", "albs", "nlb", "nlbs", "elb", "lb"}

// declareLB adds a load balancer with listeners, a target group and, for an
// ALB, its security group. Instances, Auto Scaling groups and ECS services
// are attached in linkLB.
func declareLB(c *Ctx) {
	if c.First("aws_lb") != nil {
		return // another family built its own load balancer
	}
	p, ok := planLB(c)
	if !ok {
		return
	}
	var sg spec.Address
	if !p.network {
		sg = lbSG(c, p)
	}
	lb := addLB(c, p, sg)
	var routes []lbRoute
	if !p.network {
		var rest lbRoute
		if routes, rest = pathRoutes(c); rest.port > 0 {
			p.targetPort = rest.port // the default target group takes the rest
		}
	}
	tg := addTargetGroup(c, p)
	addListeners(c, p, lb, tg)
	addPathRules(c, p, routes)
	if !p.network {
		addWAF(c, lb)
	}
}

// planLB reads the load balancer's kind, reach, listeners and targets.
func planLB(c *Ctx) (lbPlan, bool) {
	t := c.T
	p := lbPlan{at: -1}
	if !t.Has("alb", "albs", "nlb", "nlbs", "elb", "lb", "balancer", "balancers", "load-balancer", "loadbalancer", "target") {
		return p, false
	}
	for _, ph := range lbPhrases {
		k := t.Phrase(0, ph)
		if k >= 0 && t.Is(k+len(splitFields(ph)), "group", "groups", "tier", "sg", "security") {
			continue // "the lb group": a security group's name
		}
		if k >= 0 && (p.at < 0 || k < p.at) {
			p.at = k
			c.Claim(k, k+len(splitFields(ph)))
		}
	}
	if p.at < 0 {
		if k := t.Phrase(0, "target group|groups"); k >= 0 {
			p.at = k
		} else {
			return p, false
		}
	}
	claimLBWords(c)
	p.network = t.Has("nlb", "nlbs") || t.HasPhrase("network load|traffic balancer")
	if !p.network && !t.Has("alb", "albs", "application", "http", "https") && t.Has("tcp", "udp") {
		p.network = true
	}
	p.internal = lbInternal(c, p.at)
	p.listen, p.targetPort = lbPorts(c)
	p.https = !p.network && (netHasInt(p.listen, 443) || hasNorm(t, "https", "tls", "ssl", "acm") || t.Has("certificate", "cert"))
	if p.https || p.network {
		claimCertWords(c)
	}
	p.redirect = p.https && (t.Has("redirect", "redirects", "redirecting", "redirected") || netHasInt(p.listen, 80))
	p.targetType = "instance"
	if t.Has("fargate", "ecs", "container", "containers", "task", "tasks", "pods") || t.HasPhrase("ip target|targets", "ip address|addresses") || c.First("aws_ecs_service") != nil {
		p.targetType = "ip"
	}
	p.proto = "TCP"
	switch {
	case hasNorm(t, "udp"):
		p.proto = "UDP"
	case p.network && (hasNorm(t, "tls") || t.Has("certificate", "cert")):
		p.proto = "TLS"
	}
	return p, true
}

// lbInternal reports whether the load balancer is internal ("an internal
// ALB", "private load balancer").
func lbInternal(c *Ctx, at int) bool {
	t := c.T
	if t.Has("internet-facing", "public-facing") || t.HasPhrase("internet facing") {
		return false
	}
	for j := max(at-4, 0); j < at+3 && j < t.Len(); j++ {
		if t.Is(j, "internal", "private") && !t.Is(j+1, "subnet", "subnets") {
			c.Claim(j, j+1)
			return true
		}
	}
	return false
}

// addLB adds the aws_lb in the public subnets (or private, when internal).
func addLB(c *Ctx, p lbPlan, sg spec.Address) spec.Address {
	kind, name := "application", "alb"
	if p.network {
		kind, name = "network", "nlb"
	}
	r := spec.Resource{Type: "aws_lb", Name: name}
	r.Body.Set("name_prefix", spec.String(name[:3]+"-"))
	r.Body.Set("load_balancer_type", spec.String(kind))
	r.Body.Set("internal", spec.Bool(p.internal))
	tier := "public"
	if p.internal {
		tier = "private"
	}
	r.Body.Set("subnets", subnetsValue(c, tier))
	if sg != (spec.Address{}) {
		r.Body.Set("security_groups", spec.List(spec.RefTo(sg, "id")))
	}
	if lbDeletionProtection(c, p.at) {
		r.Body.Set("enable_deletion_protection", spec.Bool(true))
		c.Understand("deletion protection on the load balancer")
	}
	reach := "internet-facing"
	if p.internal {
		reach = "internal"
	}
	c.Understand("%s %s load balancer", reach, kind)
	return c.Add(r)
}

// lbDeletionProtection reports an ask for deletion protection said of the
// load balancer mentioned at at, within its clause or ten words of it ("ALB
// with deletion protection on", "a deletion-protected NLB"), and not a
// refusal ("no deletion protection", "deletion protection off").
func lbDeletionProtection(c *Ctx, at int) bool {
	t := c.T
	from, to := t.Clause(at)
	for _, k := range t.FindAll("deletion", "delete", "deletion-protected", "deletion-protection") {
		w := 1
		if !strings.HasPrefix(t.Norm(k), "deletion-") {
			if !t.Is(k+1, "protection", "protected") {
				continue
			}
			w = 2
		}
		if c.Claimed(k) || (k < from || k >= to) && abs(k-at) > 10 {
			continue
		}
		c.Claim(k, k+w)
		return !t.Is(k-1, "no", "without", "disable", "disabled") && !t.Is(k+w, "off", "disabled")
	}
	return false
}

// lbSG adds the ALB's security group: its listener ports from the internet
// (or from the VPC when internal).
func lbSG(c *Ctx, p lbPlan) spec.Address {
	d := newSG(c, "alb", "traffic to the load balancer's listeners")
	d.inline = false
	src := sgSource{cidr: "0.0.0.0/0"}
	if p.internal {
		src = sgSource{vpc: true}
	}
	for _, port := range lbListenPorts(p) {
		d.rules = append(d.rules, sgRule{from: port, to: port, proto: "tcp", source: src})
	}
	d.rules = append(d.rules, lbSGWords(c, p, d.rules)...)
	return d.emit(c)
}

// lbSGWords reads a security group described with the load balancer ("an
// ALB with a security group allowing 443 from anywhere") and returns the
// rules it adds to the listener ports.
func lbSGWords(c *Ctx, p lbPlan, have []sgRule) []sgRule {
	t := c.T
	k := t.Phrase(p.at, "security group|groups")
	if k < 0 || k > p.at+8 || c.Claimed(k) {
		return nil
	}
	c.Claim(k, k+2)
	_, end := t.Clause(k + 1)
	var out []sgRule
	for _, r := range sgRulesFor(c, sgPorts(c, k, end), sgSources(c, k, end, nil), "alb") {
		dup := false
		for _, h := range have {
			dup = dup || (h.from == r.from && h.to == r.to && h.source.cidr == r.source.cidr && h.source.vpc == r.source.vpc)
		}
		if !dup {
			out = append(out, r)
		}
	}
	return out
}

// lbListenPorts are the ports the load balancer listens on.
func lbListenPorts(p lbPlan) []int {
	if p.https {
		ports := []int{443}
		for _, l := range p.listen {
			if l != 80 && !netHasInt(p.listen, 443) {
				ports = []int{l} // "HTTPS on 8443"
				break
			}
		}
		if p.redirect {
			ports = append(ports, 80)
		}
		return ports
	}
	if len(p.listen) > 0 {
		return p.listen
	}
	if p.network && p.targetPort > 0 {
		return []int{p.targetPort}
	}
	return []int{80}
}

// claimLBWords claims the words the load balancer family answers: target
// groups, targets and listeners.
func claimLBWords(c *Ctx) {
	t := c.T
	for i := 0; i < t.Len(); i++ {
		switch {
		case t.Is(i, "target") && t.Is(i+1, "group", "groups"):
			c.Claim(i, i+2)
		case t.Is(i, "listener", "listeners", "targets", "tg", "tgs"):
			c.Claim(i, i+1)
		}
	}
}

// claimCertWords claims the words asking for TLS, which the listener's
// certificate answers.
func claimCertWords(c *Ctx) {
	for i := 0; i < c.T.Len(); i++ {
		if n := c.T.Norm(i); n == "https" || n == "tls" || n == "ssl" || n == "acm" || c.T.Is(i, "certificate", "cert") {
			c.Claim(i, i+1)
		}
	}
}

// hasNorm reports whether a token is exactly one of words: for short words
// that one typo turns into another ("http" is not "https").
func hasNorm(t *Text, words ...string) bool {
	for i := 0; i < t.Len(); i++ {
		for _, w := range words {
			if t.Norm(i) == w {
				return true
			}
		}
	}
	return false
}

func netHasInt(ns []int, n int) bool {
	for _, x := range ns {
		if x == n {
			return true
		}
	}
	return false
}

// lbTargetWords are nouns that make a nearby port the targets' port.
var lbTargetWords = []string{"target", "targets", "group", "tg", "tgs", "instances", "instance", "servers", "server", "tasks", "forwarding", "forwards", "forward",
	"task", "containers", "container", "service", "app", "application", "backend", "backends", "pods", "nodes", "port"}

// lbPorts reads listener ports and the targets' port: a port is the
// targets' when the nearest noun before it names targets.
func lbPorts(c *Ctx) (listen []int, target int) {
	t := c.T
	for _, pl := range lbPortMentions(c) {
		isTarget := false
		for k := pl.At - 1; k >= pl.At-10 && k >= 0; k-- {
			if t.Is(k, lbTargetWords...) && !t.Is(k, "port") {
				isTarget = true
				break
			}
			if t.Is(k, "alb", "nlb", "elb", "balancer", "listener", "listeners", "lb", "serves", "https", "http", "tcp", "udp") {
				break
			}
		}
		if isTarget && target == 0 {
			target = pl.Value
		} else if !isTarget && !netHasInt(listen, pl.Value) {
			listen = append(listen, pl.Value)
		}
	}
	if target == 0 && t.HasPhrase("same port") && len(listen) > 0 {
		target = listen[0]
	}
	return listen, target
}

// lbPortMentions returns port numbers: after port words, or after a protocol
// ("TCP 5432", "HTTPS on 443").
func lbPortMentions(c *Ctx) []Located[int] {
	t := c.T
	var out []Located[int]
	for j := 0; j < t.Len(); j++ {
		if c.Claimed(j) && !t.Is(j-1, "port", "ports", "on") {
			continue
		}
		if p, ok := sgPortNumber(t, j, false); ok && p.from == p.to && !strings.HasPrefix(t.Norm(j), "0") && (p.from >= 20 || t.Is(j-1, "port")) {
			out = append(out, Located[int]{At: j, Value: p.from})
			continue
		}
		if n := t.Norm(j); len(n) > 2 && n[0] == ':' {
			if p, err := strconv.Atoi(n[1:]); err == nil && p >= 1 && p <= 65535 {
				out = append(out, Located[int]{At: j, Value: p}) // "alb :443"
				continue
			}
		}
		if f, ok := t.Number(j, true); ok && t.Is(j-1, "on", "port") && f >= 20 && f <= 65535 && f == float64(int(f)) && !t.isUnitAfter(j) {
			out = append(out, Located[int]{At: j, Value: int(f)}) // "a TLS listener on 443 using ..."
			continue
		}
		if f, ok := t.Number(j, true); ok && t.Is(j-1, "tcp", "udp", "http", "https", "tls") && f >= 1 && f <= 65535 && f == float64(int(f)) {
			out = append(out, Located[int]{At: j, Value: int(f)})
		}
	}
	return out
}
