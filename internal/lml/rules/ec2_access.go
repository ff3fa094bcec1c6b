package rules

import (
	"regexp"

	"github.com/syncloud/syncloud/internal/spec"
)

// managedPolicyRe matches the names of AWS managed policies users quote
// ("AmazonS3ReadOnlyAccess", "AWSXrayWriteOnlyAccess").
var managedPolicyRe = regexp.MustCompile(`^(Amazon|AWS)[A-Za-z0-9]{4,}$|^(ReadOnlyAccess|PowerUserAccess|CloudWatchAgentServerPolicy)$`)

// policyIntents map what an instance should be able to do to the managed
// policy that allows it.
var policyIntents = []struct {
	phrase, policy string
}{
	{"read|reads|read-only|readonly from|to|in s3", "AmazonS3ReadOnlyAccess"},
	{"read|reads|read-only|readonly s3", "AmazonS3ReadOnlyAccess"},
	{"s3 read|read-only|readonly", "AmazonS3ReadOnlyAccess"},
	{"write|writes|upload|uploads to s3", "AmazonS3FullAccess"},
	{"full access to s3", "AmazonS3FullAccess"},
	{"session manager", "AmazonSSMManagedInstanceCore"},
	{"ssm", "AmazonSSMManagedInstanceCore"},
	{"systems manager", "AmazonSSMManagedInstanceCore"},
	{"cloudwatch agent", "CloudWatchAgentServerPolicy"},
	{"pull|pulls from ecr", "AmazonEC2ContainerRegistryReadOnly"},
}

// instanceProfile adds a role EC2 may assume with the managed policies the
// prompt names or implies, and an instance profile holding it.
func instanceProfile(c *Ctx, role string, from, to int) (spec.Address, bool) {
	t := c.T
	arns := instancePolicies(c, from, to)
	asked := false
	for j := from; j < to; j++ {
		if t.Is(j, "instance") && t.Is(j+1, "profile") || t.Is(j, "iam") && t.Is(j+1, "role") {
			c.Claim(j, j+2)
			asked = true
		}
	}
	if !asked && len(arns) == 0 {
		return spec.Address{}, false
	}
	r := c.ServiceRole(LocalName(role)+"_instance", "ec2.amazonaws.com", arns...)
	p := spec.Resource{Type: "aws_iam_instance_profile", Name: LocalName(role)}
	p.Body.Set("name_prefix", spec.String(ResourceName(role, 32)+"-"))
	p.Body.Set("role", spec.RefTo(r, "name"))
	c.Understand("instance profile for the %s with %d managed polic(ies)", role, len(arns))
	return c.Add(p), true
}

// instancePolicies returns the ARNs of the managed policies the prompt
// names ("AmazonS3ReadOnlyAccess") or implies ("can read from S3").
func instancePolicies(c *Ctx, from, to int) []string {
	t := c.T
	var arns []string
	add := func(name string) {
		if arn := ManagedPolicyARN(name); !netHasString(arns, arn) {
			arns = append(arns, arn)
		}
	}
	for j := from; j < to && j < t.Len(); j++ {
		if managedPolicyRe.MatchString(t.Raw(j)) {
			add(t.Raw(j))
			c.Claim(j, j+1)
		}
	}
	if t.Has("s3", "ssm", "session", "systems", "cloudwatch", "ecr") {
		for _, in := range policyIntents {
			if k := t.Phrase(from, in.phrase); k >= 0 && k < to {
				add(in.policy)
				c.Claim(k, k+len(splitFields(in.phrase)))
			}
		}
	}
	if t.Has("bucket", "buckets", "s3") {
		if t.Has("write", "writes", "upload", "uploads", "put", "puts") {
			add("AmazonS3FullAccess")
		} else if t.Has("read", "reads", "download", "downloads", "fetch", "fetches") {
			add("AmazonS3ReadOnlyAccess")
		}
	}
	return arns
}

// sgGateWords say a span talks about who may reach an instance.
var sgGateWords = []string{"security", "sg", "firewall", "accept", "accepts", "allow", "allows", "allowing",
	"open", "opens", "inbound", "ingress", "reachable", "lets", "ssh", "rdp", "from"}

// lbWords start words that describe a load balancer, not an instance.
var lbWords = []string{"alb", "nlb", "elb", "balancer", "listener", "listeners", "target", "lb", "autoscaling", "asg"}

// instanceSG drafts a security group for an instance group when its words
// say who may reach it ("only accepts SSH from my IP 203.0.113.7", "with a
// security group for port 80", "SSH only from the bastion").
func instanceSG(c *Ctx, g *ec2Group, roles []string) *sgDraft {
	t := c.T
	to := g.to
	for j := g.anchor() + 1; j < g.to; j++ {
		if t.Is(j, lbWords...) || t.Is(j, "load") && t.Is(j+1, "balancer") {
			to = j
			break
		}
	}
	gate := false
	for j := g.from; j < to && !gate; j++ {
		gate = t.Is(j, sgGateWords...) && !(t.Is(j, "from") && t.Is(j+1, "s3", "ecr", "dynamodb", "my")) &&
			!(t.Is(j, "ssh") && t.Is(j+1, "key", "keys", "keypair", "public"))
		gate = gate || (t.Is(j, "from") && t.Is(j+1, "my") && t.Is(j+2, "ip"))
	}
	if !gate {
		return nil
	}
	ports := sgPorts(c, g.from, to)
	named := t.Phrase(g.from, "security group|groups")
	if len(ports) == 0 && (named < 0 || named >= to) {
		return nil
	}
	if named >= 0 && named < to {
		c.Claim(named, named+2)
	}
	var others []string
	for _, r := range roles {
		if r != g.role {
			others = append(others, r)
		}
	}
	d := newSG(c, g.role, "access to the "+g.role)
	d.rules = sgRulesFor(c, ports, sgSources(c, g.from, to, others), g.role)
	return d
}
