package rules

import (
	"strconv"
	"strings"

	"github.com/syncloud/syncloud/internal/spec"
)

// addTargetGroup adds the target group with its port, target type and
// health check.
func addTargetGroup(c *Ctx, p lbPlan) spec.Address {
	r := spec.Resource{Type: "aws_lb_target_group", Name: "app"}
	r.Body.Set("name_prefix", spec.String("app-"))
	port := p.targetPort
	if port == 0 {
		port = 80
		if p.network || (!p.https && len(p.listen) > 0) {
			port = lbListenPorts(p)[0]
		}
		c.Assume("aws_lb_target_group.app.port", "targets listen on port %d", port)
	}
	proto := "HTTP"
	if p.network {
		proto = p.proto
		if proto == "TLS" {
			proto = "TCP" // TLS ends at the load balancer
		}
	}
	r.Body.Set("port", spec.Int(port))
	r.Body.Set("protocol", spec.String(proto))
	r.Body.Set("target_type", spec.String(p.targetType))
	r.Body.Set("vpc_id", vpcIDValue(c))
	setHealthCheck(c, &r.Body, p)
	setTargetOptions(c, &r.Body, p)
	c.Understand("target group: %s %d to %s targets", proto, port, p.targetType)
	return c.Add(r)
}

// setHealthCheck reads "health checks /healthz every 15 seconds".
func setHealthCheck(c *Ctx, b *spec.Body, p lbPlan) {
	t := c.T
	k := t.Find(0, "health", "healthcheck", "healthchecks")
	for j := 1; j < t.Len() && k < 0; j++ {
		if strings.HasPrefix(t.Raw(j), "/") && t.Is(j-1, "check", "checks", "checking", "probe", "probes", "probing", "ping", "pings") {
			k = j - 1
		}
	}
	if k < 0 {
		return
	}
	c.Claim(k, k+1)
	hc := b.EnsureBlock("health_check")
	hc.Set("enabled", spec.Bool(true))
	for j := max(k-3, 0); j < k+8 && j < t.Len(); j++ {
		if raw := t.Raw(j); strings.HasPrefix(raw, "/") && !strings.HasPrefix(raw, "/dev/") && !p.network {
			hc.Set("path", spec.String(raw))
			c.Claim(j, j+1)
		}
	}
	if d, ok := Nearest(t.Durations(), k, 10); ok && d.Value >= 5 && d.Value <= 300 {
		hc.Set("interval", spec.Int(d.Value))
		c.Claim(d.At, d.At+2)
	}
	if !p.network {
		hc.Set("matcher", spec.String("200-399"))
	}
}

// setTargetOptions reads sticky sessions, slow start and the deregistration
// delay.
func setTargetOptions(c *Ctx, b *spec.Body, p lbPlan) {
	t := c.T
	if k := t.Phrase(0, "sticky|stickiness|session sessions|affinity"); k >= 0 || t.Has("stickiness") {
		st := b.EnsureBlock("stickiness")
		st.Set("enabled", spec.Bool(true))
		if p.network {
			st.Set("type", spec.String("source_ip"))
		} else {
			st.Set("type", spec.String("lb_cookie"))
		}
	}
	if k := t.Phrase(0, "slow start|warm-up|warmup"); k >= 0 && !p.network {
		if d, ok := Nearest(t.Durations(), k, 6); ok && d.Value >= 30 && d.Value <= 900 {
			b.Set("slow_start", spec.Int(d.Value)) // ALB ramps traffic to new targets over this time
			c.Claim(k, k+2)
			c.Claim(d.At, d.At+2)
		}
	}
	if k := t.Find(0, "deregistration", "draining"); k >= 0 {
		if d, ok := Nearest(t.Durations(), k, 6); ok && d.Value <= 3600 {
			b.Set("deregistration_delay", spec.String(strconv.Itoa(d.Value)))
			c.Claim(d.At, d.At+2)
		}
	}
}

// addListeners adds the listeners: HTTPS with a certificate (and an HTTP
// redirect when asked), or plain HTTP/TCP forwarding to the target group.
func addListeners(c *Ctx, p lbPlan, lb, tg spec.Address) {
	for _, port := range lbListenPorts(p) {
		r := spec.Resource{Type: "aws_lb_listener", Name: "port_" + strconv.Itoa(port)}
		r.Body.Set("load_balancer_arn", spec.RefTo(lb, "arn"))
		r.Body.Set("port", spec.Int(port))
		act := r.Body.AddBlock("default_action")
		switch {
		case p.network:
			r.Body.Set("protocol", spec.String(p.proto))
			if p.proto == "TLS" {
				r.Body.Set("ssl_policy", spec.String("ELBSecurityPolicy-TLS13-1-2-2021-06"))
				r.Body.Set("certificate_arn", certificateARN(c))
			}
			forward(act, tg)
		case p.https && port == 80 && p.redirect:
			r.Body.Set("protocol", spec.String("HTTP"))
			act.Set("type", spec.String("redirect"))
			rd := act.AddBlock("redirect")
			rd.Set("port", spec.String("443"))
			rd.Set("protocol", spec.String("HTTPS"))
			rd.Set("status_code", spec.String("HTTP_301"))
			c.Understand("HTTP listener on 80 redirecting to HTTPS")
		case p.https:
			r.Body.Set("protocol", spec.String("HTTPS"))
			r.Body.Set("ssl_policy", spec.String("ELBSecurityPolicy-TLS13-1-2-2021-06"))
			r.Body.Set("certificate_arn", certificateARN(c))
			forward(act, tg)
			c.Understand("HTTPS listener on %d", port)
		default:
			r.Body.Set("protocol", spec.String("HTTP"))
			forward(act, tg)
			c.Understand("HTTP listener on %d", port)
		}
		c.Add(r)
	}
}

func forward(act *spec.Body, tg spec.Address) {
	act.Set("type", spec.String("forward"))
	act.Set("target_group_arn", spec.RefTo(tg, "arn"))
}

// certificateARN returns an ACM certificate ARN named in the prompt, or a
// new DNS-validated certificate for the domains it names.
func certificateARN(c *Ctx) spec.Value {
	for _, a := range c.T.ARNs() {
		if strings.HasPrefix(a.Value, "arn:aws:acm:") {
			c.Claim(a.At, a.At+1)
			return spec.String(a.Value)
		}
	}
	if cert := c.First("aws_acm_certificate"); cert != nil && cert.Provider == "" {
		return spec.RefTo(cert.Addr(), "arn")
	}
	var domains []string
	for _, d := range c.T.Domains() {
		if !c.Claimed(d.At) && !netHasString(domains, d.Value) {
			domains = append(domains, d.Value)
			c.Claim(d.At, d.At+1)
		}
	}
	if len(domains) == 0 {
		domains = []string{"app.example.com"}
		c.Assume("aws_acm_certificate.domain_name", "no domain named for the certificate: app.example.com (change it)")
	}
	r := spec.Resource{Type: "aws_acm_certificate", Name: "lb"}
	r.Body.Set("domain_name", spec.String(domains[0]))
	if len(domains) > 1 {
		r.Body.Set("subject_alternative_names", spec.Strings(domains[1:]...))
	}
	method := c.certValidation()
	r.Body.Set("validation_method", spec.String(method))
	if method == "DNS" {
		c.Assume("aws_acm_certificate.lb", "the certificate is validated by DNS: create the CNAME records ACM lists before the HTTPS listener can use it")
	} else {
		c.Assume("aws_acm_certificate.lb", "the certificate is validated by e-mail: approve the message AWS sends to the domain's contacts before the HTTPS listener can use it")
	}
	c.Understand("ACM certificate for %s (%s validation)", strings.Join(domains, ", "), method)
	return spec.RefTo(c.Add(r), "arn")
}
