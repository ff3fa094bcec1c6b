package rules

import (
	"regexp"
	"strings"

	"github.com/syncloud/syncloud/internal/spec"
)

// zoneRec is a Route 53 zone records go into: a new zone, or an existing
// one by ID.
type zoneRec struct {
	addr     *spec.Address // nil for an existing zone
	id       string        // an existing zone's ID
	name     string        // the zone's domain, "" when unknown
	at       int
	private  bool
	deferred []recordAsk // alias records completed by link
}

var zoneIDRe = regexp.MustCompile(`^Z[A-Z0-9]{6,32}$`)

// declareDNS places hosted zones and the records the prompt names.
func (a *appState) declareDNS(c *Ctx) {
	t := c.T
	for i, tok := range t.Toks {
		if zoneIDRe.MatchString(tok.Raw) && t.Near(i, 4, "zone", "hosted", "route53") >= 0 {
			c.Claim(i, i+1)
			a.zones = append(a.zones, zoneRec{id: tok.Raw, name: existingZoneName(t), at: i})
			c.Understand("records go into the existing hosted zone %s", tok.Raw)
		}
	}
	if len(a.zones) == 0 {
		for _, k := range zoneMentions(t) {
			a.addZone(c, k)
			break
		}
	}
	if len(a.zones) == 0 {
		return
	}
	c.claimWords("zone", "hosted", "route53", "dns", "record", "records")
	for _, r := range recordAsks(c, &a.zones[0]) {
		a.addRecord(c, &a.zones[0], r)
	}
}

// zoneMentions returns tokens naming a DNS zone ("hosted zone", "Route 53
// zone", "zone example.net"), not availability zones.
func zoneMentions(t *Text) []int {
	var out []int
	for _, k := range t.FindAll("zone") {
		if t.Is(k-1, "availability", "az", "time") || t.Norm(k) == "zones" && !t.Is(k-1, "hosted") {
			continue
		}
		_, hasDomain := Nearest(t.Domains(), k, 5)
		if t.Is(k-1, "hosted", "dns", "route53", "r53", "53") || hasDomain {
			out = append(out, k)
		}
	}
	return out
}

// existingZoneName guesses an existing zone's domain from the records'
// names: the last two labels of the first domain.
func existingZoneName(t *Text) string {
	ds := t.Domains()
	if len(ds) == 0 {
		return ""
	}
	parts := strings.Split(ds[0].Value, ".")
	if len(parts) < 2 {
		return ""
	}
	return strings.Join(parts[len(parts)-2:], ".")
}

func (a *appState) addZone(c *Ctx, k int) {
	t := c.T
	name := ""
	if d, ok := Nearest(t.Domains(), k+1, 5); ok {
		name = d.Value
		c.Claim(d.At, d.At+1)
	} else {
		name = "example.com"
		c.Assume("aws_route53_zone.name", "no domain named for the zone: using example.com")
	}
	z := spec.Resource{Type: "aws_route53_zone", Name: name}
	z.Body.Set("name", spec.String(name))
	private := t.Is(k-1, "private") || t.Is(k-2, "private") || t.Is(k-3, "private")
	if private {
		z.Body.AddBlock("vpc").Set("vpc_id", appVPCID(c))
	}
	addr := c.Add(z)
	a.zones = append(a.zones, zoneRec{addr: &addr, name: name, at: k, private: private})
	kind := "public"
	if private {
		kind = "private"
	}
	c.Understand("Route 53 %s hosted zone %s", kind, name)
}

// zoneIDValue is the zone's id for records.
func (z *zoneRec) zoneIDValue() spec.Value {
	if z.addr != nil {
		return spec.RefTo(*z.addr, "zone_id")
	}
	return spec.String(z.id)
}

// fqdn turns a record name relative to the zone into a full name: "www" →
// "www.example.com", "apex" → "example.com".
func (z *zoneRec) fqdn(name string) string {
	switch {
	case name == "" || name == "@" || name == "apex" || name == "root" || name == "naked":
		return z.name
	case strings.Contains(name, ".") || z.name == "":
		return name
	}
	return name + "." + z.name
}
