package rules

import (
	"strings"

	"github.com/syncloud/syncloud/internal/spec"
)

// declareInstances adds the EC2 instances the prompt asks for, each group
// with its AMI, disks, key, user data, network, security group and role.
func declareInstances(c *Ctx) {
	groups := findEC2Groups(c)
	if len(groups) == 0 {
		return
	}
	var sgs []*sgDraft
	for _, g := range groups {
		claimGroup(c, g)
		g.role = ec2Role(c, g)
	}
	roles := groupRoles(groups)
	for _, g := range groups {
		if d := instanceSG(c, g, roles); d != nil {
			g.sg = d
			sgs = append(sgs, d)
		}
	}
	sgs = referencedSGs(c, groups, sgs)
	emitSGs(c, sgs)
	for _, g := range groups {
		addInstanceGroup(c, g)
	}
}

// referencedSGs gives a security group to every group that another group's
// rules name as a source ("SSH only from the bastion"), so the reference
// resolves.
func referencedSGs(c *Ctx, groups []*ec2Group, sgs []*sgDraft) []*sgDraft {
	for _, d := range sgs {
		for _, r := range d.rules {
			for _, g := range groups {
				if r.source.sg == g.role && g.sg == nil {
					g.sg = newSG(c, g.role, "access to the "+g.role)
					sgs = append(sgs, g.sg)
				}
			}
		}
	}
	return sgs
}

// linkInstances has nothing to link yet: load balancers attach instances in
// their own link step.
func linkInstances(*Ctx) {}

func claimGroup(c *Ctx, g *ec2Group) {
	if g.typAt >= 0 {
		c.Claim(g.typAt, g.typAt+1)
	}
	if g.noun >= 0 {
		c.Claim(g.noun, g.noun+1)
	}
	n := ec2CountBefore(c.T, g.typAt)
	if n == 0 && g.noun >= 0 {
		n = ec2CountBefore(c.T, g.noun)
	}
	if n == 0 && g.typAt >= 0 {
		n = countAfter(c, g.typAt)
	}
	g.count = max(n, 1)
}

// instanceName reads "a t2.micro named web-01", "a server called api".
func instanceName(c *Ctx, g *ec2Group) (string, bool) {
	t := c.T
	last := max(g.typAt, g.noun)
	for k := last + 1; k <= last+2 && k < t.Len(); k++ {
		if t.Is(k, "named", "called") && k+1 < t.Len() && keyNameRe.MatchString(t.Raw(k+1)) && !t.Is(k+1, "a", "an", "the") {
			c.Claim(k, k+2)
			return t.Raw(k + 1), true
		}
	}
	return "", false
}

// countAfter reads a multiplier written after an instance type: "t3.small
// x2", "m5.large × 3".
func countAfter(c *Ctx, i int) int {
	t := c.T
	if f, ok := t.Number(i+1, true); ok && (strings.HasPrefix(t.Norm(i+1), "x") || strings.HasPrefix(t.Norm(i+1), "×")) && f >= 1 && f <= 100 {
		c.Claim(i+1, i+2)
		return int(f)
	}
	if t.Norm(i+1) == "x" || t.Norm(i+1) == "×" || t.Norm(i+1) == "*" {
		if f, ok := t.Number(i+2, true); ok && f >= 1 && f <= 100 && f == float64(int(f)) {
			c.Claim(i+1, i+3)
			return int(f)
		}
	}
	return 0
}

func groupRoles(gs []*ec2Group) []string {
	var out []string
	for _, g := range gs {
		out = append(out, g.role)
	}
	return out
}

// ec2Role names a group by the word before its noun ("web server", "app
// servers", "bastion"), else "server".
func ec2Role(c *Ctx, g *ec2Group) string {
	t := c.T
	if g.noun >= 0 {
		for k := g.noun; k >= g.noun-2 && k >= 0; k-- {
			if isBastionWord(t, k) {
				return "bastion"
			}
			if r := t.Norm(k); k < g.noun && isWord(r) && t.Is(k, "web", "app", "api", "worker", "build", "jump",
				"game", "backend", "frontend", "proxy", "vpn", "monitoring", "mail", "ci", "runner", "dev", "test") {
				return r
			}
		}
	}
	if g.typAt >= 0 && t.Is(g.typAt+1, "bastion") {
		return "bastion"
	}
	return "server"
}

// sharedOS reads an operating system said of every group: "a t3.micro and
// an m5.large, both Ubuntu", "all of them running Debian 12".
func sharedOS(c *Ctx) (ec2OS, bool) {
	t := c.T
	for _, k := range t.FindAll("both", "all", "each", "every") {
		if os, ok := findOS(c, k+1, k+5); ok {
			return os, true
		}
	}
	return ec2OS{}, false
}

// isBastionWord reports whether token k names a bastion: "bastion",
// "jumpbox", "jumphost", or "jump" before "box", "host" or "server".
func isBastionWord(t *Text, k int) bool {
	return t.Is(k, "bastion", "jumpbox", "jumphost", "jump-box", "jump-host", "jump-server") ||
		t.Norm(k) == "jump" && t.Is(k+1, "box", "boxes", "host", "hosts", "server", "servers")
}

// addInstanceGroup builds one aws_instance block (with a count) and its
// attachments.
func addInstanceGroup(c *Ctx, g *ec2Group) {
	os, named := findOS(c, g.from, g.to)
	if !named {
		os, named = sharedOS(c)
	}
	if !named {
		os = defaultOS()
		c.Assume("data.aws_ami", "no operating system named for the %s: using Amazon Linux 2023", g.role)
	}
	g.typ = chooseType(c, g, os)
	r := spec.Resource{Type: "aws_instance", Name: g.role}
	r.Body.Set("ami", spec.RefTo(amiFor(c, os, g.typ), "id"))
	r.Body.Set("instance_type", spec.String(g.typ))
	subs := placeInstance(c, g, &r)
	k := c.T.Phrase(g.from, "in|per each|every subnet|az|zone|availability")
	if k < 0 {
		k = c.T.Phrase(g.from, "per subnet|az|zone|availability")
	}
	if k >= 0 && k < g.to && len(subs) > 1 && g.count == 1 {
		g.count = len(subs) // "one instance in each private subnet"
		c.Claim(k, k+3)
	}
	vols := volumes(c, g.from, g.to)
	setRootVolume(&r.Body, vols)
	setKey(c, &r.Body, g.from, g.to)
	if script, ok := userData(c, g.from, g.to, os); ok {
		r.Body.Set("user_data", spec.String(script))
		r.Body.Set("user_data_replace_on_change", spec.Bool(true))
	}
	if prof, ok := instanceProfile(c, g.role, g.from, g.to); ok {
		r.Body.Set("iam_instance_profile", spec.RefTo(prof, "name"))
	}
	instanceOptions(c, g, &r.Body)
	SetTag(&r, "Name", g.role)
	if name, ok := instanceName(c, g); ok {
		SetTag(&r, "Name", name)
		r.Name = LocalName(name)
	}
	c.Understand("%d × EC2 instance (%s, %s)", g.count, g.typ, os.label)
	eip := eipAsked(c, g)
	for _, b := range spreadInstances(r, g.count, subs) {
		addr := c.Add(b)
		n := max(b.Count, 1)
		if eip {
			addEIPs(c, addr, n)
		}
		addAttachedVolumes(c, addr, n, vols)
	}
	if eip {
		c.Understand("%d Elastic IP(s) for the %s", g.count, g.role)
	}
}

// spreadInstances splits n instances over the subnets, one block per subnet
// used, so that copies land in different AZs.
func spreadInstances(r spec.Resource, n int, subs []spec.Address) []spec.Resource {
	if len(subs) == 0 {
		if n > 1 {
			r.Count = n
		}
		return []spec.Resource{r}
	}
	k := min(n, len(subs))
	var out []spec.Resource
	for i := 0; i < k; i++ {
		b := spec.Resource{Type: r.Type, Name: r.Name, Body: cloneBody(r.Body)}
		if k > 1 {
			b.Name = r.Name + "_" + subs[i].Name[len(subs[i].Name)-1:]
		}
		if share := n/k + btoi(i < n%k); share > 1 {
			b.Count = share
		}
		b.Body.Set("subnet_id", spec.RefTo(subs[i], "id"))
		out = append(out, b)
	}
	return out
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// cloneBody copies a body so that blocks built from one template do not
// share attribute slices.
func cloneBody(b spec.Body) spec.Body {
	s := (&spec.Stack{Resources: []spec.Resource{{Type: "aws_x", Name: "x", Body: b}}}).Clone()
	return s.Resources[0].Body
}

// chooseType keeps the named instance type, or picks one from sizing words
// ("a small server", "a beefy box") with an assumption.
func chooseType(c *Ctx, g *ec2Group, os ec2OS) string {
	if g.typ != "" {
		return g.typ
	}
	if typ, ok := typeForCapacity(c, g); ok {
		return typ
	}
	size, word := "micro", ""
	if os.family == "windows" {
		size = "medium"
	}
	for k := g.noun - 1; k >= g.noun-5 && k >= 0 && !c.T.Toks[k].Break; k-- {
		if s, ok := sizingWords[c.T.Norm(k)]; ok {
			size, word = s, c.T.Norm(k)
			c.Claim(k, k+1)
			break
		}
	}
	fam := "t3"
	if c.T.Has("arm", "arm64", "graviton", "aarch64") && os.family != "windows" {
		fam = "t4g"
	}
	typ := fam + "." + size
	if strings.Contains(size, ".") {
		typ = size
	}
	if word != "" {
		c.Assume("aws_instance."+LocalName(g.role)+".instance_type", "%q read as %s", word, typ)
	} else {
		c.Assume("aws_instance."+LocalName(g.role)+".instance_type", "no instance type named: using %s", typ)
	}
	return typ
}

// sizingWords map what people call a machine's size to a t3 size or a type.
var sizingWords = map[string]string{
	"nano": "nano", "tiny": "micro", "micro": "micro", "small": "small", "medium": "medium",
	"large": "large", "big": "xlarge", "beefy": "m5.2xlarge", "huge": "m5.4xlarge",
}

// placeInstance sets the group's security group and public IP, and returns
// the subnets of the new VPC it goes in (none for the default VPC).
func placeInstance(c *Ctx, g *ec2Group, r *spec.Resource) []spec.Address {
	if g.sg != nil {
		r.Body.Set("vpc_security_group_ids", spec.List(spec.RefTo(g.sg.addr, "id")))
	}
	if wantsPublicIP(c, g.from, g.to) {
		r.Body.Set("associate_public_ip_address", spec.Bool(true))
	}
	if c.Net == nil || len(c.Net.Public)+len(c.Net.Private) == 0 {
		return nil
	}
	tier := subnetTierNear(c, g)
	subs := c.Net.Private
	if tier == "public" && len(c.Net.Public) > 0 || len(subs) == 0 {
		subs, tier = c.Net.Public, "public"
	}
	c.Understand("%s in the %s subnets", g.role, tier)
	return subs
}

// subnetTierNear reads "in a public subnet", "in the private subnets" near
// the group; without one, web servers and bastions go public, others private.
func subnetTierNear(c *Ctx, g *ec2Group) string {
	t := c.T
	best, bestD := "", 99
	for _, k := range t.FindAll("subnet", "subnets") {
		if k < g.from-8 || k > g.to {
			continue
		}
		for j := k - 1; j >= k-3 && j >= 0; j-- {
			if t.Is(j, "public", "private") {
				d := abs(k - g.anchor())
				if k < g.anchor() && k < g.from {
					d += 4
				}
				if d < bestD {
					best, bestD = t.Norm(j), d
				}
				break
			}
		}
	}
	if best != "" {
		return best
	}
	if g.role == "web" || g.role == "bastion" || wantsPublicIP(c, g.from, g.to) {
		return "public"
	}
	if len(c.Net.Private) > 0 && len(c.Net.Public) > 0 {
		c.Assume("aws_instance."+LocalName(g.role)+".subnet_id", "the %s goes in a private subnet", g.role)
	}
	return "private"
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// wantsPublicIP reports whether the prompt asks for a public IP address.
func wantsPublicIP(c *Ctx, from, to int) bool {
	t := c.T
	for j := from; j < to; j++ {
		if t.Is(j, "public") && (t.Is(j+1, "ip", "ipv4", "address") || t.Is(j+1, "ip") || t.Norm(j+1) == "ip") {
			if !t.Is(j-1, "static", "elastic", "fixed") && !t.Is(j-1, "no", "without") {
				c.Claim(j, j+2)
				return true
			}
		}
	}
	return false
}
