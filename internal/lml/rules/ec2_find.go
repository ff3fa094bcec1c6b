package rules

import (
	"sort"
	"strings"
)

// ec2Group is one set of identical instances the prompt asks for: "2x
// t3.large", "a t3.nano bastion", "three Debian 12 boxes (t3.small)".
type ec2Group struct {
	typ      string // "" until chosen
	typAt    int    // token of the instance type, or -1
	noun     int    // token of the noun ("server", "VM"), or -1
	count    int
	from, to int // the words that describe this group
	role     string
	sg       *sgDraft
}

func (g *ec2Group) anchor() int {
	a := g.typAt
	if a < 0 || (g.noun >= 0 && g.noun < a) {
		a = g.noun
	}
	return a
}

// ec2Foreign lists words that make an instance type or noun someone else's:
// Kubernetes node groups, EMR, OpenSearch, SageMaker.
var ec2Foreign = []string{"eks", "kubernetes", "k8s", "nodegroup", "nodegroups", "emr", "opensearch",
	"elasticsearch", "sagemaker", "fargate", "lambda", "function", "container", "containers", "ecs",
	"lightsail", "workspaces", "sftp", "appstream", "gamelift", "broker", "amazonmq"}

// ec2ForeignAt reports whether the token at i belongs to another service.
func ec2ForeignAt(t *Text, i int) bool {
	from, end := t.Clause(i)
	from = max(from, i-8)
	for k := from; k < end && k <= i+4; k++ {
		if t.Is(k, ec2Foreign...) || (t.Is(k, "node", "worker") && t.Is(k+1, "group", "groups", "pool")) {
			return true
		}
	}
	return false
}

// ec2NounAt reports whether token i names an EC2 instance ("server", "VM",
// "EC2", "box", "bastion") rather than a database instance, an instance
// profile, Windows Server or a verb.
func ec2NounAt(t *Text, i int) bool {
	n := t.Norm(i)
	switch {
	case t.Is(i, "instance", "instances"):
		if trustedServiceAt(t, i) {
			return false // "a role for EC2 instances"
		}
		if t.Is(i+1, "profile", "type", "types", "class", "id", "ids", "role", "store", "metadata", "connect", "refresh", "family") ||
			strings.HasPrefix(t.Norm(i+1), "i-") {
			return false
		}
		for k := i - 1; k >= i-3 && k >= 0; k-- {
			if t.Is(k, "target", "targets") || t.Is(k, "group") && t.Is(k-1, "target") {
				return false // "a target group of instances": the target type
			}
			if t.Is(k, "db", "rds", "database", "writer", "reader", "aurora", "replica", "cache", "redis",
				"memcached", "cluster", "sql", "notebook", "postgres", "mysql", "mariadb", "oracle", "serverless") ||
				strings.HasPrefix(t.Norm(k), "db.") || strings.HasPrefix(t.Norm(k), "cache.") {
				return false
			}
		}
		return true
	case n == "served" || n == "serves" || n == "serve" || n == "serving" || n == "sever" || n == "severe":
		return false
	case n == "server" || n == "servers" || t.Is(i, "server", "servers"):
		return !t.Is(i-1, "windows", "sql", "mcp", "dns", "smtp", "application") && !t.Is(i+1, "side")
	case n == "ec2":
		return !t.Is(i+1, "can", "role", "roles", "assume", "assumes", "service", "endpoint", "api", "full", "read", "key", "keypair", "key-pair",
			"container", "principal", "to", "instance", "instances", "server", "servers", "vm", "vms")
	case n == "host" || n == "hosts":
		if i == 0 || t.Is(i-1, "to", "will", "can", "and", "that", "which", "please", "pls") {
			return false // a verb: "host a website"
		}
		return !t.Is(i+1, "a", "an", "the", "my", "our", "your", "static", "website", "websites", "site", "sites", "zone", "zones")
	}
	if t.Is(i, "machine", "machines") && (t.Is(i-1, "state") || t.Is(i+1, "learning", "image", "images")) {
		return false // Step Functions, ML, AMIs
	}
	return t.Is(i, "vm", "vms", "box", "boxes", "machine", "machines", "bastion", "jumpbox", "jumphost", "jump-box", "jump-host", "workstation") ||
		(n == "virtual" && t.Is(i+1, "machine", "machines"))
}

// ec2NounOutside reports whether the prompt names an EC2 instance outside
// another service's words ("a bastion server" next to an EKS cluster). A
// Kubernetes prompt without one gives its instance types to the nodes:
// "EKS 1.29, nodes: m5.large x3".
func ec2NounOutside(t *Text) bool {
	for i := 0; i < t.Len(); i++ {
		if ec2NounAt(t, i) && !ec2ForeignAt(t, i) {
			return true
		}
	}
	return false
}

// findEC2Groups reads the instance groups of a prompt.
func findEC2Groups(c *Ctx) []*ec2Group {
	t := c.T
	var types, nouns []int
	foreign := t.Has(ec2Foreign...) || t.HasPhrase("node|worker group|groups|pool")
	nodesOnly := t.Has("eks", "kubernetes", "k8s") && !ec2NounOutside(t)
	for _, it := range t.ClassesWithPrefix("") {
		if !c.Claimed(it.At) && !(foreign && ec2ForeignAt(t, it.At)) && !nodesOnly {
			types = append(types, it.At)
		}
	}
	for i := 0; i < t.Len(); i++ {
		if c.Claimed(i) || !ec2NounAt(t, i) || (foreign && ec2ForeignAt(t, i)) {
			continue
		}
		for i+1 < t.Len() && ec2NounAt(t, i+1) && !t.Toks[i].Break {
			i++ // "bastion host", "EC2 instance": one mention
		}
		nouns = append(nouns, i)
	}
	groups := pairTypesNouns(t, types, nouns)
	sort.Slice(groups, func(a, b int) bool { return groups[a].anchor() < groups[b].anchor() })
	for i, g := range groups {
		g.from = 0
		if i > 0 {
			g.from = groupStart(t, g, groups[i-1])
		}
	}
	for i, g := range groups {
		g.to = t.Len()
		if i+1 < len(groups) {
			g.to = groups[i+1].from
		}
	}
	return groups
}

// groupStart is where a group's words begin: its count or article before
// the anchor, but not before the previous group's anchor.
func groupStart(t *Text, g, prev *ec2Group) int {
	a := g.anchor()
	s := a
	for k := a - 1; k > prev.anchor() && k >= a-4; k-- {
		if t.Toks[k].Break {
			break
		}
		if _, ok := t.Number(k, false); ok {
			s = k
		}
	}
	return s
}

// pairTypesNouns joins each instance type with its nearest noun, and makes
// groups of the nouns left over that are new mentions ("a bastion").
func pairTypesNouns(t *Text, types, nouns []int) []*ec2Group {
	used := map[int]bool{}
	var groups []*ec2Group
	for _, ti := range types {
		g := &ec2Group{typ: t.Norm(ti), typAt: ti, noun: -1}
		best := 99
		for _, ni := range nouns {
			d := ni - ti
			if d < 0 {
				d = -d
			}
			if !used[ni] && d <= 4 && d < best && breaksBetween(t, ni, ti) <= 1 {
				best, g.noun = d, ni
			}
		}
		if g.noun >= 0 {
			used[g.noun] = true
		}
		groups = append(groups, g)
	}
	var loose []int
	for _, ni := range nouns {
		if !used[ni] && !ec2Reference(t, ni) {
			loose = append(loose, ni)
		}
	}
	var unpaired []*ec2Group
	for _, g := range groups {
		if g.noun < 0 {
			unpaired = append(unpaired, g)
		}
	}
	if len(unpaired) == 1 && len(loose) >= 1 {
		unpaired[0].noun = loose[0]
		loose = loose[1:]
	}
	for _, ni := range loose {
		if len(groups) == 0 || ec2CountBefore(t, ni) > 0 {
			groups = append(groups, &ec2Group{typAt: -1, noun: ni})
		}
	}
	return groups
}

func breaksBetween(t *Text, a, b int) int {
	if a > b {
		a, b = b, a
	}
	n := 0
	for k := a; k < b; k++ {
		if t.Toks[k].Break {
			n++
		}
	}
	return n
}

// ec2Reference reports whether the noun at i refers back to something named
// before ("the bastion", "that server", "my existing instance").
func ec2Reference(t *Text, i int) bool {
	for k := i - 1; k >= i-3 && k >= 0; k-- {
		if t.Is(k, "the", "that", "this", "those", "these", "existing", "its", "their", "same", "each", "every", "per", "my", "our") {
			return true
		}
		if !t.Is(k, "web", "app", "application", "bastion", "jump", "api", "worker", "build", "ec2", "linux") {
			return false
		}
	}
	return false
}
