package rules

import (
	"net/netip"
	"strconv"
	"strings"
)

// vpcCIDR picks the VPC's block: the widest CIDR near the word VPC, or the
// widest one not given as a source, else 10.0.0.0/16.
func vpcCIDR(c *Ctx) string {
	t := c.T
	best, bestAt := netip.Prefix{}, -1
	vpcAt := t.FindAll("vpc", "cidr", "network")
	for _, l := range t.CIDRs() {
		p := netip.MustParsePrefix(l.Value)
		if p.Bits() == 0 || p.Bits() > 24 || isSourceCIDR(t, l.At) {
			continue
		}
		near := false
		for _, v := range vpcAt {
			near = near || (l.At-v <= 6 && v-l.At <= 6)
		}
		if !near && bestAt >= 0 {
			continue
		}
		if bestAt < 0 || p.Bits() < best.Bits() {
			best, bestAt = p, l.At
		}
	}
	if bestAt >= 0 {
		c.Claim(bestAt, bestAt+1)
		return best.String()
	}
	if p, ok := splitCIDR(t, vpcAt); ok {
		return p
	}
	c.Assume("aws_vpc.main.cidr_block", "no CIDR named: using 10.0.0.0/16")
	return "10.0.0.0/16"
}

// splitCIDR reads a block written apart near the word VPC: "a /16 VPC at
// 10.99.0.0".
func splitCIDR(t *Text, near []int) (string, bool) {
	for _, ip := range t.IPs() {
		for k := ip.At - 4; k <= ip.At+4; k++ {
			n := t.Norm(k)
			if len(n) < 2 || n[0] != '/' {
				continue
			}
			p, err := netip.ParsePrefix(ip.Value + n)
			if err != nil || p.Bits() < 8 || p.Bits() > 28 {
				continue
			}
			for _, v := range near {
				if abs(v-ip.At) <= 6 {
					return p.Masked().String(), true
				}
			}
		}
	}
	return "", false
}

// isSourceCIDR reports whether the CIDR at i is where traffic comes from or
// goes to ("from 10.0.0.0/16", "sends 0.0.0.0/0").
func isSourceCIDR(t *Text, i int) bool {
	return t.Is(i-1, "from", "to", "allow", "allowing", "sends", "send", "route", "routes", "peer", "peered", "peering") ||
		t.Is(i-2, "from") || (t.Is(i-1, "cidr") && t.Is(i-2, "from"))
}

// explicitSubnetCIDRs returns the CIDRs written after public and private
// subnet mentions.
func explicitSubnetCIDRs(c *Ctx, asks []subnetAsk) (pub, priv []string) {
	for _, a := range asks {
		if a.tier == "public" || (a.tier == "" && unsaidIsPublic(c)) {
			pub = append(pub, a.cidrs...)
		} else {
			priv = append(priv, a.cidrs...)
		}
	}
	return pub, priv
}

// subnetBits reads the size asked for the subnets: "/20 subnets", "subnets
// of /22", "/24s". It returns 0 when none is said.
func subnetBits(c *Ctx) int {
	t := c.T
	for _, k := range t.FindAll("subnet", "subnets") {
		for j := k - 2; j <= k+3; j++ {
			n := strings.TrimSuffix(t.Norm(j), "s")
			if len(n) < 2 || n[0] != '/' {
				continue
			}
			if b, err := strconv.Atoi(n[1:]); err == nil && b >= 16 && b <= 28 {
				c.Claim(j, j+1)
				return b
			}
		}
	}
	return 0
}

// subnetCIDRs carves n subnets of /bits (0: eight bits smaller than the
// VPC, at most /28) out of the VPC block: public subnets from the start of
// the range, private ones from its second half, unless the prompt gave them.
func subnetCIDRs(vpc string, n, half int, given []string, bits int) []string {
	out := append([]string(nil), given...)
	p := netip.MustParsePrefix(vpc)
	if bits <= p.Bits() || 1<<(bits-p.Bits()) < 2*n {
		bits = min(p.Bits()+8, 28) // no size asked, or too few of that size fit
	}
	if bits <= p.Bits() {
		bits = p.Bits() + 1
	}
	total := 1 << (bits - p.Bits())
	start := half * total / 2
	for i := start; len(out) < n && i < total; i++ {
		s := nthSubnet(p, bits, i)
		if !netHasString(out, s) {
			out = append(out, s)
		}
	}
	return out
}

// nthSubnet returns the i-th /bits block inside p.
func nthSubnet(p netip.Prefix, bits, i int) string {
	a := p.Masked().Addr().As4()
	v := uint32(a[0])<<24 | uint32(a[1])<<16 | uint32(a[2])<<8 | uint32(a[3])
	v += uint32(i) << (32 - bits)
	b := [4]byte{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)}
	return netip.PrefixFrom(netip.AddrFrom4(b), bits).String()
}

func netHasString(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}
