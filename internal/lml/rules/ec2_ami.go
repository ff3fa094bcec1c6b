package rules

import (
	"fmt"
	"strings"

	"github.com/syncloud/syncloud/internal/spec"
)

// ec2OS is an operating system the prompt asks for, and how to find its
// newest AMI.
type ec2OS struct {
	key     string // local name of the data source: "ubuntu_22_04"
	label   string // for explanations: "Ubuntu 22.04"
	owner   string
	pattern string // name filter with %s for the architecture word
	arch    [2]string
	family  string // "deb", "rpm", "yum", "windows": how to install packages
}

var (
	// ubuntuVersions are the LTS releases by number, code name, or bare
	// major number ("Ubuntu 22" means 22.04 LTS).
	ubuntuVersions = map[string][2]string{"20.04": {"20.04", "focal"}, "focal": {"20.04", "focal"}, "20": {"20.04", "focal"},
		"22.04": {"22.04", "jammy"}, "jammy": {"22.04", "jammy"}, "22": {"22.04", "jammy"},
		"24.04": {"24.04", "noble"}, "noble": {"24.04", "noble"}, "24": {"24.04", "noble"}}
	debianVersions  = map[string]string{"11": "11", "bullseye": "11", "12": "12", "bookworm": "12", "13": "13", "trixie": "13"}
	windowsVersions = []string{"2016", "2019", "2022", "2025"}
	rhelVersions    = []string{"8", "9", "10"}
	amd64arm        = [2]string{"amd64", "arm64"}
	x86arm          = [2]string{"x86_64", "arm64"}
)

// findOS reads the operating system named in [from, to), and whether one was.
func findOS(c *Ctx, from, to int) (ec2OS, bool) {
	t := c.T
	for j := from; j < to && j < t.Len(); j++ {
		n := t.Norm(j)
		switch {
		case t.Is(j, "ubuntu"):
			c.Claim(j, j+1)
			return ubuntuOS(c, j), true
		case t.Is(j, "debian"):
			c.Claim(j, j+1)
			v := versionAfter(c, j, func(s string) (string, bool) { v, ok := debianVersions[s]; return v, ok }, "12")
			return ec2OS{key: "debian_" + v, label: "Debian " + v, owner: "136693071363",
				pattern: "debian-" + v + "-%s-*", arch: amd64arm, family: "deb"}, true
		case t.Is(j, "windows"):
			c.Claim(j, j+1)
			v := versionAfter(c, j, oneOf(windowsVersions), "2022")
			return ec2OS{key: "windows_" + v, label: "Windows Server " + v, owner: "amazon",
				pattern: "Windows_Server-" + v + "-English-Full-Base-*", arch: [2]string{"x86_64", "x86_64"}, family: "windows"}, true
		case n == "rhel" || (n == "red" && t.Is(j+1, "hat")) || n == "redhat":
			c.Claim(j, j+2)
			v := versionAfter(c, j, oneOf(rhelVersions), "9")
			return ec2OS{key: "rhel_" + v, label: "RHEL " + v, owner: "309956199498",
				pattern: "RHEL-" + v + ".*_HVM-*-%s-*", arch: x86arm, family: "rpm"}, true
		case n == "al2023" || n == "al2" || n == "amzn2" || (n == "amazon" && t.Is(j+1, "linux")) || n == "amazon-linux":
			c.Claim(j, j+2)
			return amazonLinux(c, j), true
		}
	}
	return ec2OS{}, false
}

func ubuntuOS(c *Ctx, j int) ec2OS {
	v := versionAfter(c, j, func(s string) (string, bool) { v, ok := ubuntuVersions[s]; return v[0], ok }, "")
	if v == "" {
		v = "24.04"
		c.Assume("data.aws_ami", "Ubuntu without a version: using the current LTS, 24.04")
	}
	code := ubuntuVersions[v][1]
	return ec2OS{key: "ubuntu_" + strings.ReplaceAll(v, ".", "_"), label: "Ubuntu " + v, owner: "099720109477",
		pattern: "ubuntu/images/hvm-ssd*/ubuntu-" + code + "-" + v + "-%s-server-*", arch: amd64arm, family: "deb"}
}

func amazonLinux(c *Ctx, j int) ec2OS {
	n := c.T.Norm(j)
	v := "2023"
	next := c.T.Norm(j + 2)
	if n == "al2" || n == "amzn2" || (n == "amazon" && next == "2") {
		v = "2"
		c.Claim(j+2, j+3)
	} else if next == "2023" {
		c.Claim(j+2, j+3)
	}
	if v == "2" {
		return ec2OS{key: "al2", label: "Amazon Linux 2", owner: "amazon",
			pattern: "amzn2-ami-hvm-*-%s-gp2", arch: x86arm, family: "yum"}
	}
	return defaultOS()
}

func defaultOS() ec2OS {
	return ec2OS{key: "al2023", label: "Amazon Linux 2023", owner: "amazon",
		pattern: "al2023-ami-2023.*-%s", arch: x86arm, family: "rpm"}
}

// versionAfter reads a version written within two tokens after j.
func versionAfter(c *Ctx, j int, known func(string) (string, bool), def string) string {
	for k := j + 1; k <= j+3 && k < c.T.Len(); k++ {
		if v, ok := known(strings.TrimSuffix(c.T.Norm(k), "-lts")); ok {
			c.Claim(k, k+1)
			return v
		}
	}
	return def
}

func oneOf(vs []string) func(string) (string, bool) {
	return func(s string) (string, bool) {
		for _, v := range vs {
			if s == v {
				return v, true
			}
		}
		return "", false
	}
}

// graviton reports whether an instance type runs on AWS Graviton (arm64):
// its family has a "g" after the generation digit ("t4g", "c7gn", "m6gd").
func graviton(typ string) bool {
	fam, _, _ := strings.Cut(typ, ".")
	for i, r := range fam {
		if r >= '0' && r <= '9' {
			return strings.Contains(fam[i+1:], "g")
		}
	}
	return false
}

// amiFor returns the data source finding the newest AMI of an OS for an
// instance type's architecture, adding it once.
func amiFor(c *Ctx, os ec2OS, typ string) spec.Address {
	arch, archWord := 0, "x86_64"
	if graviton(typ) && os.family != "windows" {
		arch, archWord = 1, "arm64"
	}
	name := os.key
	if arch == 1 {
		name += "_arm64"
	}
	a := spec.Address{Mode: spec.Data, Type: "aws_ami", Name: name}
	if c.Stack.Find(a) != nil {
		return a
	}
	r := spec.Resource{Mode: spec.Data, Type: "aws_ami", Name: name}
	r.Body.Set("most_recent", spec.Bool(true))
	r.Body.Set("owners", spec.Strings(os.owner))
	f := r.Body.AddBlock("filter")
	f.Set("name", spec.String("name"))
	pattern := os.pattern
	if strings.Contains(pattern, "%s") {
		pattern = fmt.Sprintf(pattern, os.arch[arch])
	}
	f.Set("values", spec.Strings(pattern))
	f = r.Body.AddBlock("filter")
	f.Set("name", spec.String("architecture"))
	f.Set("values", spec.Strings(archWord))
	return c.Add(r)
}

// typeForCapacity picks an instance type from "4 vCPUs and 16 GB of RAM":
// burstable t3 for small machines, else compute (c6i), general (m6i) or
// memory (r6i) optimised by memory per vCPU, in the smallest size that fits.
func typeForCapacity(c *Ctx, g *ec2Group) (string, bool) {
	t := c.T
	cpus, mem := 0, 0
	for j := g.from; j < g.to; j++ {
		if f, ok := t.Number(j, true); ok && t.Is(j+1, "vcpu", "vcpus", "cpu", "cpus", "cores", "core") {
			cpus = int(f)
			c.Claim(j, j+2)
		}
	}
	for _, s := range t.Sizes() {
		if s.At >= g.from && s.At < g.to && (t.Is(s.At+1, "ram", "memory") || t.Is(s.At+2, "ram", "memory") || t.Is(s.At+3, "ram", "memory")) {
			mem = s.Value.GB()
		}
	}
	if cpus == 0 && mem == 0 {
		return "", false
	}
	typ := capacityType(cpus, mem)
	c.Assume("aws_instance."+LocalName(g.role)+".instance_type", "%d vCPU / %d GiB read as %s", cpus, mem, typ)
	return typ, true
}

func capacityType(cpus, mem int) string {
	if cpus <= 2 && mem <= 8 {
		for _, s := range []struct {
			name string
			gb   int
		}{{"nano", 0}, {"micro", 1}, {"small", 2}, {"medium", 4}, {"large", 8}} {
			if mem <= s.gb {
				return "t3." + s.name
			}
		}
	}
	fam, ratio := "m6i", 4
	switch {
	case cpus > 0 && mem > 0 && mem <= 2*cpus:
		fam, ratio = "c6i", 2
	case cpus > 0 && mem > 4*cpus:
		fam, ratio = "r6i", 8
	}
	for _, s := range []struct {
		name string
		cpus int
	}{{"large", 2}, {"xlarge", 4}, {"2xlarge", 8}, {"4xlarge", 16}, {"8xlarge", 32}, {"12xlarge", 48}, {"16xlarge", 64}, {"24xlarge", 96}} {
		if s.cpus >= cpus && s.cpus*ratio >= mem {
			return fam + "." + s.name
		}
	}
	return fam + ".32xlarge"
}
