package rules

import (
	"fmt"

	"github.com/syncloud/syncloud/internal/spec"
)

// networkComputeFamilies lists the network and compute area: the VPC first,
// then Auto Scaling groups (which claim their instance types before the
// instance family looks), instances and EBS volumes, and load balancers.
func networkComputeFamilies() []family {
	return []family{
		{name: "vpc", stage: stageNetwork, declare: declareVPC},
		{name: "autoscaling", stage: stageCompute, declare: declareASG},
		{name: "ec2", stage: stageCompute, declare: declareInstances, link: linkInstances},
		{name: "ebs", stage: stageCompute, declare: declareStandaloneVolumes},
		{name: "eip", stage: stageCompute, declare: declareStandaloneAddresses},
		{name: "loadbalancer", stage: stageEdge, declare: declareLB, link: linkLB},
	}
}

// vpcPlan is what the prompt asks of a new VPC, before any resource exists.
type vpcPlan struct {
	cidr     string
	azs      int
	public   []string // subnet CIDR blocks, one per subnet
	private  []string
	isolated bool // no internet gateway, no NAT
	igw      bool
	nat      int // NAT gateways: 0, 1, or one per AZ
	dnsHost  bool
}

// declareVPC builds the VPC the prompt asks for and sets c.Net.
func declareVPC(c *Ctx) {
	if !wantsVPC(c) {
		return
	}
	p := planVPC(c)
	buildVPC(c, p)
	declareFlowLogs(c)
	declareEndpoints(c)
	declarePeering(c)
	declareIPv6(c)
	declareTransitGateway(c)
}

// wantsVPC reports whether the prompt asks for a new VPC (or for subnets,
// which need one), rather than the default VPC.
func wantsVPC(c *Ctx) bool {
	t := c.T
	if k := t.Phrase(0, "default vpc|network"); k >= 0 {
		c.Claim(k, k+2)
		return false
	}
	if i := t.Find(0, "vpc", "vpcs"); i >= 0 && !t.Is(i-1, "existing", "default") {
		return true
	}
	if t.HasPhrase("virtual private cloud") {
		return true
	}
	for _, i := range t.FindAll("subnet", "subnets") {
		if !t.Is(i+1, "group", "groups") && !t.Is(i-1, "db", "rds", "cache", "elasticache", "existing") {
			return true
		}
	}
	return false
}

// planVPC reads CIDRs, subnet tiers and counts, AZs, NAT and isolation.
func planVPC(c *Ctx) vpcPlan {
	t := c.T
	p := vpcPlan{cidr: vpcCIDR(c)}
	p.isolated = t.HasPhrase("no internet", "without internet", "no internet access", "air gapped", "air-gapped") ||
		t.Has("isolated", "airgapped", "offline")
	asks := subnetAsks(c)
	p.azs = azCount(c, asks)
	nPub, nPriv := tierCounts(c, asks, p.azs)
	if nPub+nPriv == 0 && needsSubnets(c) {
		p.azs = max(p.azs, 2) // one subnet of each tier per AZ named ("over three AZs"), at least two
		nPriv = p.azs
		if !p.isolated && needsPublic(c) {
			nPub = p.azs
		}
		c.Assume("aws_subnet", "no subnets named: %d public and %d private subnets over %d AZs for the services that need them", nPub, nPriv, p.azs)
	}
	p.nat = natCount(c, p.azs)
	if p.isolated {
		p.nat = 0
	}
	if p.nat > 0 && nPub == 0 {
		nPub = p.azs
		c.Assume("aws_subnet", "a NAT gateway lives in a public subnet: added %d public subnets", nPub)
	}
	p.igw = !p.isolated && (nPub > 0 || t.HasPhrase("internet gateway") || t.Has("igw"))
	if !p.igw && nPub > 0 {
		nPub, nPriv = 0, nPriv+nPub
		c.Assume("aws_subnet", "the VPC has no internet access, so every subnet is private")
	}
	explicitPub, explicitPriv := explicitSubnetCIDRs(c, asks)
	bits := subnetBits(c)
	p.public = subnetCIDRs(p.cidr, nPub, 0, explicitPub, bits)
	p.private = subnetCIDRs(p.cidr, nPriv, 1, explicitPriv, bits)
	p.dnsHost = !t.HasPhrase("dns hostnames disabled", "without dns", "no dns")
	return p
}

// needsSubnets reports whether something in the prompt must live in subnets
// of the new VPC (instances, databases, functions, load balancers).
func needsSubnets(c *Ctx) bool {
	if len(c.T.InstanceTypes()) > 0 {
		return true
	}
	return c.T.Has("node", "nodes", "instance", "server", "vm", "ec2", "box", "bastion", "rds", "database", "db", "postgres",
		"postgresql", "mysql", "mariadb", "aurora", "redis", "elasticache", "memcached", "lambda", "function",
		"ecs", "fargate", "eks", "kubernetes", "alb", "nlb", "asg", "autoscaling", "cluster", "tgw") ||
		c.T.HasPhrase("load balancer", "auto scaling", "transit gateway")
}

// needsPublic reports whether something must face the internet.
func needsPublic(c *Ctx) bool {
	if c.T.Has("internal") && !c.T.Has("internet-facing", "public") {
		return false
	}
	return c.T.Has("alb", "nlb", "bastion", "public", "internet-facing", "nat") ||
		c.T.HasPhrase("load balancer", "web server")
}

// buildVPC adds the VPC, subnets, gateways and routing, and sets c.Net.
func buildVPC(c *Ctx, p vpcPlan) {
	vpc := spec.Resource{Type: "aws_vpc", Name: "main"}
	vpc.Body.Set("cidr_block", spec.String(p.cidr))
	vpc.Body.Set("enable_dns_support", spec.Bool(p.dnsHost))
	vpc.Body.Set("enable_dns_hostnames", spec.Bool(p.dnsHost))
	if p.dnsHost && !c.T.HasPhrase("dns hostnames") && !c.T.HasPhrase("dns support") {
		c.Assume("aws_vpc.main.enable_dns_hostnames", "DNS support and hostnames on, as AWS's console does for new VPCs")
	}
	SetTag(&vpc, "Name", vpcName(c))
	addr := c.Add(vpc)
	net := &Network{VPC: addr}
	c.Net = net
	c.Understand("VPC %s", p.cidr)
	for i, cidr := range p.public {
		net.Public = append(net.Public, addSubnet(c, addr, "public", i, p.azs, cidr))
	}
	for i, cidr := range p.private {
		net.Private = append(net.Private, addSubnet(c, addr, "private", i, p.azs, cidr))
	}
	for i := 0; i < max(len(p.public), len(p.private)) && i < p.azs; i++ {
		net.AZs = append(net.AZs, c.AZ(i))
	}
	if n := len(p.public) + len(p.private); n > 0 {
		c.Understand("%d subnet(s) (%d public, %d private) over %d AZ(s)", n, len(p.public), len(p.private), min(p.azs, max(len(p.public), len(p.private))))
	}
	if p.isolated {
		c.Understand("isolated VPC: no internet gateway and no NAT gateway")
	}
	routeVPC(c, p)
}

func vpcName(c *Ctx) string {
	i := c.T.Find(0, "vpc")
	if name, at, ok := c.T.NameAfter(i, 3); ok && i >= 0 && c.T.Is(at-1, "called", "named", "name") {
		c.Claim(at-1, at+1)
		return ResourceName(name, 64)
	}
	return "main"
}

// addSubnet adds subnet i of a tier in AZ i mod azs.
func addSubnet(c *Ctx, vpc spec.Address, tier string, i, azs int, cidr string) spec.Address {
	az := c.AZ(i % max(azs, 1))
	r := spec.Resource{Type: "aws_subnet", Name: tier + "_" + az[len(az)-1:]}
	if i >= azs {
		r.Name = fmt.Sprintf("%s_%d", tier, i+1)
	}
	r.Body.Set("vpc_id", spec.RefTo(vpc, "id"))
	r.Body.Set("cidr_block", spec.String(cidr))
	r.Body.Set("availability_zone", spec.String(az))
	if tier == "public" {
		r.Body.Set("map_public_ip_on_launch", spec.Bool(true))
	}
	SetTag(&r, "Name", tier+"-"+az)
	return c.Add(r)
}

// routeVPC adds the internet gateway, NAT gateways and route tables.
func routeVPC(c *Ctx, p vpcPlan) {
	net := c.Net
	var igw spec.Address
	if p.igw {
		r := spec.Resource{Type: "aws_internet_gateway", Name: "main"}
		r.Body.Set("vpc_id", spec.RefTo(net.VPC, "id"))
		igw = c.Add(r)
		c.Understand("internet gateway")
	}
	if len(net.Public) > 0 {
		rt := addRouteTable(c, "public", net.Public)
		addRoute(c, rt, "gateway_id", spec.RefTo(igw, "id"))
	}
	nats := addNATs(c, p.nat)
	if len(net.Private) == 0 {
		return
	}
	if len(nats) <= 1 {
		rt := addRouteTable(c, "private", net.Private)
		if len(nats) == 1 {
			addRoute(c, rt, "nat_gateway_id", spec.RefTo(nats[0], "id"))
		}
		return
	}
	for k, nat := range nats {
		var subs []spec.Address
		for i, s := range net.Private {
			if i%len(nats) == k {
				subs = append(subs, s)
			}
		}
		rt := addRouteTable(c, "private_"+net.AZs[k][len(net.AZs[k])-1:], subs)
		addRoute(c, rt, "nat_gateway_id", spec.RefTo(nat, "id"))
	}
}

// addRouteTable adds a route table associated with each of the subnets.
func addRouteTable(c *Ctx, name string, subnets []spec.Address) spec.Address {
	rt := spec.Resource{Type: "aws_route_table", Name: name}
	rt.Body.Set("vpc_id", spec.RefTo(c.Net.VPC, "id"))
	SetTag(&rt, "Name", ResourceName(name, 64))
	addr := c.Add(rt)
	for _, s := range subnets {
		a := spec.Resource{Type: "aws_route_table_association", Name: s.Name}
		a.Body.Set("subnet_id", spec.RefTo(s, "id"))
		a.Body.Set("route_table_id", spec.RefTo(addr, "id"))
		c.Add(a)
	}
	return addr
}

// addRoute sends 0.0.0.0/0 from a route table to a gateway.
func addRoute(c *Ctx, rt spec.Address, target string, to spec.Value) {
	r := spec.Resource{Type: "aws_route", Name: rt.Name + "_default"}
	r.Body.Set("route_table_id", spec.RefTo(rt, "id"))
	r.Body.Set("destination_cidr_block", spec.String("0.0.0.0/0"))
	r.Body.Set(target, to)
	c.Add(r)
}

// addNATs adds n NAT gateways with their Elastic IPs, one per public subnet.
func addNATs(c *Ctx, n int) []spec.Address {
	var out []spec.Address
	for i := 0; i < n && i < len(c.Net.Public); i++ {
		sub := c.Net.Public[i]
		eip := spec.Resource{Type: "aws_eip", Name: "nat_" + sub.Name[len(sub.Name)-1:]}
		eip.Body.Set("domain", spec.String("vpc"))
		ea := c.Add(eip)
		nat := spec.Resource{Type: "aws_nat_gateway", Name: eip.Name[4:]}
		nat.Name = "nat_" + nat.Name
		nat.Body.Set("allocation_id", spec.RefTo(ea, "id"))
		nat.Body.Set("subnet_id", spec.RefTo(sub, "id"))
		igws := c.Addrs("aws_internet_gateway")
		nat.DependsOn = igws
		out = append(out, c.Add(nat))
	}
	if n == 1 {
		c.Understand("one NAT gateway shared by the private subnets")
	} else if n > 1 {
		c.Understand("%d NAT gateways, one per AZ", len(out))
	}
	return out
}
