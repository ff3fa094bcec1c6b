package rules

import (
	"strconv"
	"strings"

	"github.com/syncloud/syncloud/internal/spec"
)

// lbRoute is a path-based rule of an ALB: requests whose path matches go to
// a target group of their own ("/api/* to an api target group on 8080").
type lbRoute struct {
	path string // "" for the rest of the traffic
	name string
	port int
}

// restWords say which traffic the default target group takes.
var restWords = []string{"everything else|other", "the rest", "all other|remaining", "otherwise", "anything else"}

// pathRoutes reads the path rules of an ALB ("routes /api/* to an api
// target group on port 8080 and everything else to a web target group on
// port 3000") and what the rest of the traffic goes to.
func pathRoutes(c *Ctx) (routes []lbRoute, rest lbRoute) {
	t := c.T
	for j := 0; j < t.Len(); j++ {
		raw := t.Raw(j)
		if !strings.HasPrefix(raw, "/") || strings.HasPrefix(raw, "/dev/") || c.Claimed(j) || healthCheckPath(t, j) ||
			!strings.Contains(raw, "*") && !t.Is(j-1, "path", "paths", "prefix") {
			continue
		}
		r := routeTarget(c, j+1)
		r.path = raw
		if r.name == "" {
			r.name = "path" + strconv.Itoa(len(routes)+1)
		}
		c.Claim(j, j+1)
		routes = append(routes, r)
	}
	if len(routes) == 0 {
		return nil, lbRoute{}
	}
	for _, ph := range restWords {
		if k := t.Phrase(0, ph); k >= 0 {
			rest = routeTarget(c, k+len(splitFields(ph)))
			c.Claim(k, k+len(splitFields(ph)))
			break
		}
	}
	return routes, rest
}

// healthCheckPath reports whether the path at j is a health check's
// ("health check path /health").
func healthCheckPath(t *Text, j int) bool {
	for k := j - 1; k >= j-4 && k >= 0; k-- {
		if t.Is(k, "health", "healthcheck", "healthchecks", "check", "checks", "probe", "probes", "ping") {
			return true
		}
	}
	return false
}

// routeTarget reads where a route sends traffic, from token j: the name
// before "target group" or "service" and the port after "port" or "on".
func routeTarget(c *Ctx, j int) lbRoute {
	t := c.T
	var r lbRoute
	for k := j; k < t.Len() && k <= j+8; k++ {
		if k > j && strings.HasPrefix(t.Raw(k), "/") {
			break // the next route
		}
		if r.name == "" && t.Is(k, "target", "service", "group", "servers", "containers") && isWord(t.Norm(k-1)) &&
			!t.Is(k-1, dataFillers...) && !t.Is(k-1, "target") {
			r.name = t.Norm(k - 1)
		}
		if r.port == 0 && t.Is(k, "port", "on") {
			if n, at, ok := t.NumberNear(k, 1); ok && n > 0 && n <= 65535 {
				r.port = n
				c.Claim(at, at+1)
			}
		}
		if t.Toks[k].Break && r.port > 0 {
			break
		}
	}
	return r
}

// addPathRules adds a target group and a listener rule for each route, on
// every listener that forwards to the default target group.
func addPathRules(c *Ctx, p lbPlan, routes []lbRoute) []spec.Address {
	var tgs []spec.Address
	for i, rt := range routes {
		port := rt.port
		if port == 0 {
			port = 80
			c.Assume("aws_lb_target_group."+LocalName(rt.name)+".port", "targets for %s listen on port 80", rt.path)
		}
		tg := spec.Resource{Type: "aws_lb_target_group", Name: rt.name}
		tg.Body.Set("name_prefix", spec.String(strings.ReplaceAll(ResourceName(rt.name, 5), "_", "-")+"-"))
		tg.Body.Set("port", spec.Int(port))
		tg.Body.Set("protocol", spec.String("HTTP"))
		tg.Body.Set("target_type", spec.String(p.targetType))
		tg.Body.Set("vpc_id", vpcIDValue(c))
		addr := c.Add(tg)
		tgs = append(tgs, addr)
		for _, l := range c.Stack.OfType("aws_lb_listener") {
			acts := l.Body.BlocksOf("default_action")
			if len(acts) == 0 {
				continue
			}
			if typ, _ := acts[0].Get("type"); typ.Str != "forward" {
				continue
			}
			rule := spec.Resource{Type: "aws_lb_listener_rule", Name: LocalName(rt.name) + "_" + l.Name}
			rule.Body.Set("listener_arn", spec.RefTo(l.Addr(), "arn"))
			rule.Body.Set("priority", spec.Int(10*(i+1)))
			forward(rule.Body.AddBlock("action"), addr)
			rule.Body.AddBlock("condition").AddBlock("path_pattern").Set("values", spec.Strings(rt.path))
			c.Add(rule)
		}
		c.Understand("requests for %s go to target group %s (port %d)", rt.path, rt.name, port)
	}
	return tgs
}
