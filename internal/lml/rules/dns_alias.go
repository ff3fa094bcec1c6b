package rules

import (
	"strings"

	"github.com/syncloud/syncloud/internal/spec"
)

// addRecord adds one record set per name; alias records wait for link,
// when the load balancer or distribution they point at exists.
func (a *appState) addRecord(c *Ctx, z *zoneRec, r recordAsk) {
	if r.alias || (len(r.values) == 0 && (r.typ == "A" || r.typ == "AAAA")) {
		z.deferred = append(z.deferred, r)
		return
	}
	if len(r.values) == 0 {
		c.Unplaced(r.typ + " record without a value")
		return
	}
	names := r.names
	if len(names) == 0 || r.typ == "MX" {
		names = []string{"apex"}
	}
	for _, n := range names {
		full := z.fqdn(n)
		rec := spec.Resource{Type: "aws_route53_record", Name: strings.ToLower(r.typ) + "_" + full}
		rec.Body.Set("zone_id", z.zoneIDValue())
		rec.Body.Set("name", spec.String(full))
		rec.Body.Set("type", spec.String(r.typ))
		rec.Body.Set("ttl", spec.Int(recordTTL(c)))
		rec.Body.Set("records", spec.Strings(r.values...))
		c.Add(rec)
		c.Understand("%s record %s → %s", r.typ, full, strings.Join(r.values, ", "))
	}
}

// recordTTL reads "TTL 300", "300 second TTL", or assumes 300 seconds.
func recordTTL(c *Ctx) int {
	if k := c.T.Find(0, "ttl"); k >= 0 {
		c.Claim(k, k+1)
		if n, at, ok := c.T.NumberNear(k, 2); ok && n > 0 {
			c.Claim(at, at+1)
			return n
		}
		if s, _, ok := c.T.DurationNear(k, 3); ok && s > 0 {
			return s
		}
	}
	return 300
}

// linkDNS points alias records at the distribution or load balancer.
func (a *appState) linkDNS(c *Ctx) {
	for i := range a.zones {
		z := &a.zones[i]
		for _, r := range z.deferred {
			target, ok := a.aliasTarget(c)
			if !ok {
				c.Unplaced(r.typ + " record with no address or alias target")
				continue
			}
			names := r.names
			if len(names) == 0 {
				names = aliasNames(c, target, z)
			}
			for _, n := range names {
				full := z.fqdn(n)
				rec := spec.Resource{Type: "aws_route53_record", Name: strings.ToLower(r.typ) + "_" + full}
				rec.Body.Set("zone_id", z.zoneIDValue())
				rec.Body.Set("name", spec.String(full))
				rec.Body.Set("type", spec.String(r.typ))
				al := rec.Body.AddBlock("alias")
				al.Set("name", spec.RefTo(target, "domain_name"))
				al.Set("zone_id", spec.RefTo(target, "hosted_zone_id"))
				al.Set("evaluate_target_health", spec.Bool(false))
				if target.Type == "aws_lb" {
					al.Set("name", spec.RefTo(target, "dns_name"))
					al.Set("zone_id", spec.RefTo(target, "zone_id"))
					al.Set("evaluate_target_health", spec.Bool(true))
				}
				c.Add(rec)
				c.Understand("alias %s record %s → %s", r.typ, full, target)
			}
		}
	}
}

// aliasNames are the names alias records get when the prompt names none:
// the distribution's aliases inside the zone, else the zone's apex.
func aliasNames(c *Ctx, target spec.Address, z *zoneRec) []string {
	var out []string
	if v, ok := c.Res(target).Body.Get("aliases"); ok && target.Type == "aws_cloudfront_distribution" {
		for _, e := range v.List {
			if e.Str == z.name || strings.HasSuffix(e.Str, "."+z.name) {
				out = append(out, e.Str)
			}
		}
	}
	if len(out) == 0 {
		out = []string{"apex"}
	}
	return out
}

// aliasTarget is what alias records point at: the distribution, else the
// load balancer.
func (a *appState) aliasTarget(c *Ctx) (spec.Address, bool) {
	if a.cdn != nil {
		return *a.cdn, true
	}
	if lb := c.First("aws_lb"); lb != nil {
		return lb.Addr(), true
	}
	return spec.Address{}, false
}
