package rules

import (
	"regexp"

	"github.com/syncloud/syncloud/internal/spec"
)

// azRe matches an availability zone name such as "us-east-1a".
var azRe = regexp.MustCompile(`^[a-z]{2}(-gov)?-[a-z]+-\d[a-z]$`)

// newVolume adds an EBS volume of a described size and type in a zone.
func newVolume(c *Ctx, v volumeMention, az spec.Value) spec.Address {
	r := spec.Resource{Type: "aws_ebs_volume", Name: "data"}
	r.Body.Set("availability_zone", az)
	size := v.size
	if size == 0 {
		size = 100
		c.Assume("aws_ebs_volume.size", "no size named: 100 GiB")
	}
	r.Body.Set("size", spec.Int(size))
	typ := v.typ
	if typ == "" {
		typ = "gp3"
	}
	r.Body.Set("type", spec.String(typ))
	if v.iops > 0 && (typ == "gp3" || typ == "io1" || typ == "io2") {
		r.Body.Set("iops", spec.Int(v.iops))
	}
	return c.Add(r)
}

// declareStandaloneVolumes adds EBS volumes the prompt asks for on their own
// ("a standalone 200 GB gp3 EBS volume in us-east-1a"), when no instance
// took them.
func declareStandaloneVolumes(c *Ctx) {
	t := c.T
	if !t.Has("ebs") && !t.HasPhrase("block storage") && !t.Has("volume", "volumes") {
		return
	}
	for _, v := range volumes(c, 0, t.Len()) {
		if !t.Is(v.at, "volume", "volumes", "ebs") && !t.Is(v.at-1, "ebs") {
			continue
		}
		az := ""
		for i := 0; i < t.Len(); i++ {
			if azRe.MatchString(t.Norm(i)) {
				az = t.Norm(i)
				c.Claim(i, i+1)
				break
			}
		}
		if az == "" {
			az = c.AZ(0)
			c.Assume("aws_ebs_volume.availability_zone", "no availability zone named: %s", az)
		}
		n := max(ec2CountBefore(t, v.at), 1)
		for i := 0; i < min(n, 16); i++ {
			newVolume(c, v, spec.String(az))
		}
		c.Understand("%d × EBS volume (%d GiB %s) in %s", n, v.size, v.typ, az)
	}
}

// declareStandaloneAddresses adds Elastic IPs and key pairs asked for on
// their own ("allocate two Elastic IPs", "import my public key ssh-ed25519
// ..."), when no instance took them.
func declareStandaloneAddresses(c *Ctx) {
	t := c.T
	if c.First("aws_instance") != nil || c.First("aws_launch_template") != nil {
		return
	}
	for j := 0; j < t.Len(); j++ {
		if c.Claimed(j) || !(t.Is(j, "eip", "eips") || t.Is(j, "elastic") && t.Is(j+1, "ip", "ips")) {
			continue
		}
		c.Claim(j, j+2)
		n := max(ec2CountBefore(t, j), 1)
		r := spec.Resource{Type: "aws_eip", Name: "main"}
		r.Body.Set("domain", spec.String("vpc"))
		if n > 1 {
			r.Count = min(n, 20)
		}
		c.Add(r)
		c.Understand("%d × Elastic IP", max(r.Count, 1))
		break
	}
	if c.First("aws_key_pair") == nil {
		var b spec.Body
		setKey(c, &b, 0, 0)
	}
}
