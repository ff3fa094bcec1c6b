package rules

import (
	"regexp"
	"slices"
	"strings"

	"github.com/syncloud/syncloud/internal/spec"
)

// ec2OSWords precede version numbers that are not counts ("Debian 12",
// "Windows Server 2022", "Amazon Linux 2023").
var ec2OSWords = []string{"ubuntu", "debian", "linux", "server", "rhel", "windows", "al", "centos", "rocky", "python", "node", "java", "postgres", "mysql", "version", "v"}

// ec2CountBefore reads the count written before token i ("three Debian 12
// boxes", "2x t3.large", "a pair of"), skipping OS versions and sizes.
func ec2CountBefore(t *Text, i int) int {
	for k := i - 1; k >= 0 && k >= i-6; k-- {
		if t.Toks[k].Break {
			return 0
		}
		if t.Is(k, "of") && t.Is(k-1, "pair", "couple") {
			return 2
		}
		if t.Is(k-1, ec2OSWords...) {
			continue
		}
		if f, ok := t.Number(k, false); ok && f >= 1 && f <= 100 && f == float64(int(f)) && !t.isUnitAfter(k) {
			return int(f)
		}
	}
	return 0
}

// volumeWords name disks.
var volumeWords = []string{"volume", "volumes", "disk", "disks", "drive", "drives", "storage", "ebs", "ssd", "hdd"}

// volumeMention is a disk the prompt describes.
type volumeMention struct {
	at    int
	extra bool // a separate data volume, not the root volume
	size  int  // GiB, 0 when unsaid
	typ   string
	iops  int
	dev   string
}

var volTypeRe = regexp.MustCompile(`^(gp2|gp3|io1|io2|st1|sc1|standard)$`)
var deviceRe = regexp.MustCompile(`^/dev/(sd[b-z]|xvd[b-z]|nvme\d+n\d+)$`)

// volumes reads every disk mention in [from, to).
func volumes(c *Ctx, from, to int) []volumeMention {
	t := c.T
	var out []volumeMention
	var at []int
	for m := from; m < to && m < t.Len(); m++ {
		if isVolumeMention(c, m) {
			at = append(at, m)
		}
	}
	for _, m := range at {
		v := volumeMention{at: m}
		lo, hi := max(from, m-6), min(to, m+10)
		root := false
		for k := lo; k < hi; k++ {
			switch {
			case k <= m+1 && t.Is(k, "separate", "extra", "additional", "second", "another", "data", "attach", "attached", "secondary"):
				v.extra = true
			case k > m && k <= m+5 && (t.Is(k, "for") && t.Is(k+1, "data", "logs", "log", "database", "db", "backups", "storage", "files") ||
				t.Is(k, "mounted", "mount")):
				v.extra = true // "a 2 TB io2 volume for data", "a volume mounted at /data"
			case k >= m-4 && k <= m+1 && t.Is(k, "root", "boot", "os"):
				root = true
			case volTypeRe.MatchString(t.Norm(k)) && v.typ == "":
				v.typ = t.Norm(k)
			case deviceRe.MatchString(t.Norm(k)) && v.dev == "":
				v.dev = t.Norm(k)
			case t.Is(k, "iops") && v.iops == 0:
				v.iops = iopsNear(t, k)
			}
		}
		v.extra = v.extra && !root
		if s, ok := volumeSize(t, m, at, from, to); ok {
			v.size = s.GB()
		}
		c.Claim(m, m+1)
		out = append(out, v)
	}
	return out
}

// isVolumeMention reports whether token m names a disk: "volume", "EBS
// disk" (once), or "root" alone ("a 50 GB root").
func isVolumeMention(c *Ctx, m int) bool {
	t := c.T
	rootOnly := t.Is(m, "root") && !t.Is(m+1, volumeWords...) && !t.Is(m+1, "device")
	if !rootOnly && (!t.Is(m, volumeWords...) || (t.Is(m+1, volumeWords...) && t.Is(m, "ebs", "ssd", "storage"))) {
		return false
	}
	return !c.Claimed(m) && !(t.Is(m+1, "of") && t.Is(m+2, "memory", "ram"))
}

// volumeSize reads the size of the disk mentioned at m: the nearest size
// within six words, unless another disk mention is nearer to it ("a 30 GiB
// root volume plus an extra 100 GiB data volume").
func volumeSize(t *Text, m int, mentions []int, from, to int) (Size, bool) {
	best, bestD := Size{}, 7
	for _, s := range t.Sizes() {
		d := abs(s.At - m)
		if s.At < from || s.At >= to || d > 6 || d > bestD || d == bestD && s.At < m || t.Is(s.At+2, "memory", "ram") {
			continue
		}
		if slices.ContainsFunc(mentions, func(o int) bool { return o != m && abs(s.At-o) < d }) {
			continue
		}
		best, bestD = s.Value, d
	}
	return best, bestD <= 6
}

// instanceOptions sets what the group's words ask of its instances:
// "detailed monitoring", "spot" capacity ("a spot instance", "on spot"),
// "termination protection" ("protected from termination").
func instanceOptions(c *Ctx, g *ec2Group, b *spec.Body) {
	t := c.T
	in := func(k int) bool { return k >= g.from && k < g.to }
	if k := t.Phrase(g.from, "detailed monitoring"); in(k) {
		b.Set("monitoring", spec.Bool(true))
		c.Claim(k, k+2)
	}
	for k := g.from; k < g.to && k < t.Len(); k++ {
		switch {
		case t.Norm(k) == "spot" && !t.Is(k-1, "no", "not", "without"):
			b.EnsureBlock("instance_market_options").Set("market_type", spec.String("spot"))
			c.Claim(k, k+1)
			c.Understand("%s on Spot capacity (it may be interrupted with two minutes' notice)", g.role)
		case t.Is(k, "termination") && (t.Is(k+1, "protection", "protected") || t.Is(k-1, "against", "from") && t.Is(k-2, "protected", "protect", "protection")):
			b.Set("disable_api_termination", spec.Bool(true))
			c.Claim(k, k+2)
		}
	}
}

// iopsNear reads "10000 IOPS", "6,000 iops", "IOPS of 3000".
func iopsNear(t *Text, k int) int {
	for _, j := range []int{k - 1, k + 1, k + 2} {
		if f, ok := t.Number(j, true); ok && f >= 100 {
			return int(f)
		}
	}
	return 0
}

// setRootVolume fills root_block_device from the first root disk described.
func setRootVolume(b *spec.Body, vols []volumeMention) {
	for _, v := range vols {
		if v.extra || (v.size == 0 && v.typ == "") {
			continue
		}
		rb := b.EnsureBlock("root_block_device")
		if v.size > 0 {
			rb.Set("volume_size", spec.Int(v.size))
		}
		if v.typ != "" {
			rb.Set("volume_type", spec.String(v.typ))
		} else {
			rb.Set("volume_type", spec.String("gp3"))
		}
		if v.iops > 0 {
			rb.Set("iops", spec.Int(v.iops))
		}
		return
	}
}

// extraVolumes returns the separate data volumes among those described.
func extraVolumes(vols []volumeMention) []volumeMention {
	var out []volumeMention
	for _, v := range vols {
		if v.extra {
			out = append(out, v)
		}
	}
	return out
}

// setKey sets key_name: a new aws_key_pair from a public key in the prompt
// (under the name the prompt gives it), or the name of an existing key pair.
func setKey(c *Ctx, b *spec.Body, from, to int) {
	if pub, ok := publicKey(c); ok {
		kp := c.First("aws_key_pair")
		var addr spec.Address
		if kp == nil {
			r := spec.Resource{Type: "aws_key_pair", Name: "main"}
			if name, ok := existingKeyName(c, 0, c.T.Len()); ok {
				r.Body.Set("key_name", spec.String(name)) // "a key pair called deployer from ssh-rsa ..."
			} else {
				r.Body.Set("key_name_prefix", spec.String("syncloud-"))
			}
			r.Body.Set("public_key", spec.String(pub))
			addr = c.Add(r)
			c.Understand("SSH key pair from the public key given")
		} else {
			addr = kp.Addr()
		}
		b.Set("key_name", spec.RefTo(addr, "key_name"))
		return
	}
	if name, ok := existingKeyName(c, from, to); ok {
		b.Set("key_name", spec.String(name))
		c.Understand("existing key pair %s", name)
	}
}

var pubKeyB64Re = regexp.MustCompile(`^[A-Za-z0-9+/]{20,}={0,3}$`)

// publicKey finds an OpenSSH public key in the prompt.
func publicKey(c *Ctx) (string, bool) {
	t := c.T
	for i := 0; i < t.Len(); i++ {
		n := t.Norm(i)
		if !strings.HasPrefix(n, "ssh-") && !strings.HasPrefix(n, "ecdsa-sha2-") {
			continue
		}
		if !pubKeyB64Re.MatchString(t.Raw(i + 1)) {
			continue
		}
		parts := []string{n, t.Raw(i + 1)}
		c.Claim(i, i+2)
		if t.Toks[i+1].Quoted == false && i+2 < t.Len() && strings.Contains(t.Raw(i+2), "@") {
			parts = append(parts, t.Raw(i+2))
			c.Claim(i+2, i+3)
		}
		return strings.Join(parts, " "), true
	}
	return "", false
}

var keyNameRe = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,254}$`)

// existingKeyName reads "existing key pair named ops-key", "key pair
// ops-key", "key_name deploy".
func existingKeyName(c *Ctx, from, to int) (string, bool) {
	t := c.T
	for k := max(from-4, 0); k < to && k < t.Len(); k++ {
		if t.Is(k, "key") && t.Is(k-1, "ssh", "existing", "my", "our", "the", "ec2", "login") && !t.Is(k+1, "pair", "pairs", "name") {
			if name, at, ok := t.NameAfter(k+1, 1); ok && keyNameRe.MatchString(name) {
				c.Claim(k, at+1)
				return name, true // "my existing key 'deploy-key'"
			}
		}
		if !(t.Is(k, "key") && t.Is(k+1, "pair", "pairs", "name")) && !t.Is(k, "keypair", "key_name", "key-pair") {
			continue
		}
		next := k + 1
		if t.Is(k, "key") {
			next = k + 2
		}
		if name, at, ok := t.NameAfter(next, 2); ok && keyNameRe.MatchString(name) {
			c.Claim(k, at+1)
			return name, true
		}
		if n := t.Raw(next); keyNameRe.MatchString(n) && !t.Is(next, "for", "to", "and", "with", "from", "that", "in", "on") && strings.ContainsAny(n, "-_0123456789") {
			c.Claim(k, next+1)
			return n, true
		}
	}
	return "", false
}

// eipAsked reports whether the group's words ask for Elastic IPs.
func eipAsked(c *Ctx, g *ec2Group) bool {
	t := c.T
	asked := false
	for j := g.from; j < g.to; j++ {
		if t.Is(j, "eip", "eips") || (t.Is(j, "elastic", "static", "fixed") && t.Is(j+1, "ip", "ips", "public", "address")) {
			c.Claim(j, j+2)
			asked = true
		}
	}
	return asked
}

// addEIPs gives each of the n instances of a block an Elastic IP.
func addEIPs(c *Ctx, inst spec.Address, n int) {
	for i := 0; i < n; i++ {
		r := spec.Resource{Type: "aws_eip", Name: inst.Name}
		r.Body.Set("domain", spec.String("vpc"))
		if n > 1 {
			r.Body.Set("instance", spec.RefIndex(inst, i, "id"))
		} else {
			r.Body.Set("instance", spec.RefTo(inst, "id"))
		}
		c.Add(r)
	}
}

// addAttachedVolumes adds the separate EBS volumes described and attaches
// them to each of the n instances of a block.
func addAttachedVolumes(c *Ctx, inst spec.Address, n int, vols []volumeMention) {
	devs := []string{"/dev/sdf", "/dev/sdg", "/dev/sdh", "/dev/sdi"}
	for vi, v := range extraVolumes(vols) {
		if vi >= len(devs) {
			return
		}
		dev := v.dev
		if dev == "" {
			dev = devs[vi]
			c.Assume("aws_volume_attachment", "data volume attached as %s", dev)
		}
		for i := 0; i < min(n, 8); i++ {
			ref := func(attr string) spec.Value {
				if n > 1 {
					return spec.RefIndex(inst, i, attr)
				}
				return spec.RefTo(inst, attr)
			}
			vol := newVolume(c, v, ref("availability_zone"))
			att := spec.Resource{Type: "aws_volume_attachment", Name: vol.Name}
			att.Body.Set("device_name", spec.String(dev))
			att.Body.Set("volume_id", spec.RefTo(vol, "id"))
			att.Body.Set("instance_id", ref("id"))
			c.Add(att)
		}
		c.Understand("%d GiB %s data volume at %s on each %s", v.size, v.typ, dev, inst.Name)
	}
}
