package rules

import (
	"net/netip"
)

// subnetAsk is one mention of subnets: "two public and two private subnets",
// "one subnet in each of two AZs", "public subnet 192.168.1.0/24".
type subnetAsk struct {
	at     int
	tier   string // "public", "private", or "" when unsaid
	count  int    // 0 when unsaid
	perAZ  bool   // "in each AZ", "one per AZ"
	ref    bool   // "the private subnets": a reference, not a request
	cidrs  []string
	sealed bool // count was given
}

// subnetAsks reads every mention of subnets.
func subnetAsks(c *Ctx) []subnetAsk {
	t := c.T
	var out []subnetAsk
	for _, k := range t.FindAll("subnet", "subnets", "subnetwork") {
		if t.Is(k+1, "group", "groups") || t.Is(k-1, "db", "rds", "cache", "elasticache") {
			continue
		}
		c.Claim(k, k+1)
		tiers := subnetTiersBefore(c, k)
		per := t.Phrase(k+1, "in|per each|az|availability") == k+1 || t.Phrase(k+1, "per|each az") == k+1 ||
			t.Phrase(k+1, "in each of") == k+1 || t.Phrase(k+1, "one per az|zone") == k+1 ||
			eachInSubnet(t, k)
		cidrs := cidrsAfter(c, k)
		if len(tiers) == 0 {
			n, ref := countOrRef(c, k-1)
			if after := subnetTiersAfter(c, k, n); len(after) > 0 {
				tiers = after
			} else {
				out = append(out, subnetAsk{at: k, count: n, sealed: n > 0, perAZ: per, ref: ref, cidrs: cidrs})
				continue
			}
		}
		for _, a := range tiers {
			a.at, a.perAZ = k, per
			if len(tiers) == 1 {
				a.cidrs = cidrs
			}
			out = append(out, a)
		}
	}
	return append(out, subnetOnes(c, out)...)
}

// eachInSubnet reports "each in a public subnet" said of things spread
// over AZs ("one t3.small per AZ (3 AZs), each in a public subnet"): one
// subnet per AZ, not one in all.
func eachInSubnet(t *Text, k int) bool {
	if t.Norm(k) != "subnet" || !t.HasPhrase("per|each|every az|azs|zone|availability") {
		return false
	}
	for j := k - 1; j >= k-4 && j >= 0 && !t.Toks[j].Break; j-- {
		if t.Is(j, "each") {
			return true
		}
	}
	return false
}

// subnetOnes reads tiers said of "ones" after subnets were named: "two
// public subnets and two private ones".
func subnetOnes(c *Ctx, asks []subnetAsk) []subnetAsk {
	t := c.T
	var out []subnetAsk
	for _, k := range t.FindAll("ones") {
		if t.Norm(k) != "ones" || len(asks) == 0 || asks[0].at > k || k-asks[0].at > 10 {
			continue
		}
		for _, a := range subnetTiersBefore(c, k) {
			a.at = k
			out = append(out, a)
		}
		c.Claim(k, k+1)
	}
	return out
}

// pluralAt reports whether the subnet mention at k is plural ("subnets",
// "private ones"), which asks for more than one when no count is given.
func pluralAt(t *Text, k int) bool { return t.Norm(k) == "subnets" || t.Norm(k) == "ones" }

// subnetTiersBefore reads "two public and two private" backwards from the
// word "subnets" at k.
func subnetTiersBefore(c *Ctx, k int) []subnetAsk {
	t := c.T
	var out []subnetAsk
	j := k - 1
	for j >= 0 && k-j <= 8 {
		if t.Toks[j].Break && j != k-1 && !t.Is(j, "public", "private") {
			break
		}
		switch {
		case t.Norm(j) == "public/private" || t.Norm(j) == "private/public":
			out = append(out, subnetAsk{tier: "public"}, subnetAsk{tier: "private"})
			j--
		case t.Is(j, "public", "private", "isolated", "internal", "app", "data", "database", "db", "web"):
			tier := "private"
			if t.Is(j, "public", "web") {
				tier = "public"
			}
			c.Claim(j, j+1)
			n, ref := countOrRef(c, j-1)
			if n > 0 {
				j--
			}
			out = append(out, subnetAsk{tier: tier, count: n, sealed: n > 0, ref: ref})
			j--
		default:
			return out
		}
		if t.Is(j, "and", "&", "or", "plus") {
			j--
			continue
		}
		if j >= 0 && t.Toks[j].Break && t.Is(j-1, "public", "private") {
			continue
		}
		if len(out) > 0 && !t.Is(j, "public", "private") {
			return out
		}
	}
	return out
}

// subnetTierEnds may follow a tier listed after "subnets".
var subnetTierEnds = []string{"and", "plus", "&", "+", "ones", "subnet", "subnets", "in", "across", "over", "each", "per", "with"}

// subnetTiersAfter reads tiers listed after the word "subnets" at k: "six
// subnets - three public, three private", "subnets (2 public and 2
// private)". Tiers without counts share the count n said before "subnets".
func subnetTiersAfter(c *Ctx, k, n int) []subnetAsk {
	t := c.T
	var out []subnetAsk
	var used []int
	for j := k + 1; j < t.Len() && j <= k+10; {
		count, at := 0, j
		if f, ok := t.Number(j, true); ok && f >= 1 && f <= 16 && f == float64(int(f)) {
			count, at = int(f), j+1
		}
		if !t.Is(at, "public", "private", "isolated") || !(t.Toks[at].Break || at+1 == t.Len() || t.Is(at+1, subnetTierEnds...)) {
			break
		}
		tier := "private"
		if t.Is(at, "public") {
			tier = "public"
		}
		out = append(out, subnetAsk{tier: tier, count: count, sealed: count > 0})
		used = append(used, j, at)
		j = at + 1
		if t.Is(j, "and", "plus", "&", "+") {
			j++
		}
	}
	if len(out) < 2 {
		return nil // "subnets, public IPs on" is not a list of tiers
	}
	for i := range out {
		if out[i].count == 0 && n > 0 && n%len(out) == 0 {
			out[i].count, out[i].sealed = n/len(out), true
		}
	}
	for _, u := range used {
		c.Claim(u, u+1)
	}
	return out
}

// countOrRef reads a count at i ("two", "3", "a") or a reference ("the",
// "its", "those").
func countOrRef(c *Ctx, i int) (int, bool) {
	t := c.T
	if t.Is(i, "the", "its", "those", "these", "both", "all", "same", "their") {
		return 0, true
	}
	if f, ok := t.Number(i, false); ok && f >= 1 && f <= 16 && f == float64(int(f)) {
		c.Claim(i, i+1)
		return int(f), false
	}
	return 0, false
}

// cidrsAfter returns subnet CIDRs written right after the word at k:
// "subnet 192.168.1.0/24", "subnets 10.0.1.0/24 and 10.0.2.0/24".
func cidrsAfter(c *Ctx, k int) []string {
	var out []string
	for j := k + 1; j <= k+6 && j < c.T.Len(); j++ {
		if p, err := netip.ParsePrefix(c.T.Norm(j)); err == nil && p.Addr().Is4() {
			out = append(out, p.Masked().String())
			c.Claim(j, j+1)
			continue
		}
		if !c.T.Is(j, "and", "cidr", "cidrs", "with", "of", "block", "blocks") {
			break
		}
	}
	return out
}

// azCount reads how many availability zones the prompt spreads over.
func azCount(c *Ctx, asks []subnetAsk) int {
	t := c.T
	for _, k := range t.FindAll("az", "azs", "zones", "zone") {
		if t.Is(k-1, "multi") || t.Norm(k-1) == "hosted" {
			continue
		}
		for j := k - 1; j >= k-3 && j >= 0; j-- {
			if f, ok := t.Number(j, true); ok && f >= 1 && f <= 6 && f == float64(int(f)) {
				c.Claim(j, k+1)
				return int(f)
			}
		}
	}
	n := 0
	for _, a := range asks {
		if !a.perAZ {
			n = max(n, a.count, len(a.cidrs))
		}
		if a.count == 0 && !a.ref && pluralAt(c.T, a.at) {
			n = max(n, 2)
		}
	}
	if n == 0 {
		return 2
	}
	return min(n, 6)
}

// tierCounts decides how many public and private subnets to build.
func tierCounts(c *Ctx, asks []subnetAsk, azs int) (pub, priv int) {
	sawPub, sawPriv := false, false
	for _, a := range asks {
		n := a.count
		if a.perAZ {
			n = max(n, 1) * azs
		}
		n = max(n, len(a.cidrs))
		if n == 0 {
			n = azs
			if pluralAt(c.T, a.at) {
				n = max(n, 2) // "private subnets": more than one
			}
		}
		switch {
		case a.tier == "public" && (!a.ref || !sawPub):
			pub = max(pub, n)
			sawPub = sawPub || !a.ref
		case a.tier == "private" && (!a.ref || !sawPriv):
			priv = max(priv, n)
			sawPriv = sawPriv || !a.ref
		case a.tier == "" && !a.ref:
			unsaid(c, &pub, &priv, n)
		}
	}
	return pub, priv
}

// unsaid places subnets whose tier was not said: public when the prompt
// speaks of an internet gateway or public access, else private.
func unsaid(c *Ctx, pub, priv *int, n int) {
	if unsaidIsPublic(c) {
		*pub = max(*pub, n)
		return
	}
	*priv = max(*priv, n)
	c.Assume("aws_subnet", "subnets without a tier are private")
}

// unsaidIsPublic reports whether subnets without a tier are public.
func unsaidIsPublic(c *Ctx) bool {
	return c.T.HasPhrase("internet gateway") || c.T.Has("igw", "public")
}

// natCount reads whether the prompt wants NAT: one shared gateway, or one
// per AZ ("a NAT gateway in each AZ", "NAT gateways per AZ", "3 NAT gateways").
func natCount(c *Ctx, azs int) int {
	t := c.T
	k := t.Find(0, "nat")
	if k < 0 {
		return 0
	}
	c.Claim(k, k+2)
	if t.Is(k-1, "no", "without", "not", "skip") || t.Is(k-2, "no", "without", "not") && t.Is(k-1, "a", "any") {
		return 0
	}
	if n, _ := countOrRef(c, k-1); n > 1 {
		return min(n, azs)
	}
	_, end := t.Clause(k)
	for j := k + 1; j < end && j <= k+6; j++ {
		if t.Is(j, "each", "per", "every") {
			return azs
		}
	}
	if t.Is(k-1, "shared", "single", "one", "a") {
		return 1
	}
	if t.Norm(k+1) == "gateways" && !t.Is(k-1, "the") {
		return azs
	}
	return 1
}
