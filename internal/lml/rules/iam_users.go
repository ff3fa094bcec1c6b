package rules

import (
	"regexp"

	"github.com/syncloud/syncloud/internal/spec"
)

// appPolicyNameRe matches AWS managed policy names users write:
// "ReadOnlyAccess", "AmazonS3ReadOnlyAccess", "AWSLambdaBasicExecutionRole".
var appPolicyNameRe = regexp.MustCompile(`^(Amazon|AWS)[A-Za-z0-9_]{3,}$|^[A-Z][A-Za-z0-9]*(Access|ReadOnly|PowerUser|FullAccess)$|` +
	`^(SecurityAudit|DatabaseAdministrator|NetworkAdministrator|SystemAdministrator|DataScientist|SupportUser)$`)

// jobFunctionPolicies are the AWS managed policies for job functions,
// which live under their own path.
var jobFunctionPolicies = []string{"ViewOnlyAccess", "DatabaseAdministrator", "NetworkAdministrator",
	"SystemAdministrator", "DataScientist", "SupportUser"}

// ManagedPolicies returns the AWS managed policy names in the text.
func (t *Text) ManagedPolicies() []Located[string] {
	var out []Located[string]
	for i, tok := range t.Toks {
		if appPolicyNameRe.MatchString(tok.Raw) {
			out = append(out, Located[string]{At: i, Value: tok.Raw})
		}
	}
	return out
}

// serviceNouns end a list of names ("user bob, ECR repo ...").
var serviceNouns = []string{"iam", "ecr", "s3", "sqs", "sns", "lambda", "ec2", "bucket", "queue", "topic", "role", "group",
	"policy", "user", "users", "repo", "repository", "table", "cluster", "vpc", "key", "keys", "access"}

// iamNames reads the names after a noun: "user ci-bot", "users alice and
// bob", "group 'developers'".
func iamNames(c *Ctx, k int) []string {
	t := c.T
	var out []string
	if n, at, ok := t.NameNear(k, true); ok && !c.Claimed(at) && !appPolicyNameRe.MatchString(n) {
		out = append(out, n)
		c.Claim(at, at+1)
		for i := at + 1; i < t.Len(); i++ {
			if t.Is(i, "and") {
				i++
			} else if !t.Toks[i-1].Break {
				break
			}
			if i >= t.Len() || t.Is(i, fillerWords...) || t.Is(i, serviceNouns...) || appPolicyNameRe.MatchString(t.Raw(i)) {
				break
			}
			out = append(out, t.Raw(i))
			c.Claim(i, i+1)
		}
	}
	return out
}

// iamContext reports a prompt about IAM identities: it says IAM, names an
// AWS managed policy ("ReadOnlyAccess") or asks for access keys.
func iamContext(t *Text) bool {
	return t.Has("iam") || len(t.ManagedPolicies()) > 0 || t.Phrase(0, "access key|keys") >= 0 || t.Has("programmatic")
}

// iamUsers adds the users the prompt names, with access keys when asked.
func (a *appState) declareUsers(c *Ctx) {
	t := c.T
	k := t.Find(0, "user", "users")
	for k >= 0 && t.Is(k+1, "data", "pool", "pools", "name", "agent", "guide") {
		k = t.Find(k+1, "user", "users")
	}
	if k < 0 || !iamContext(t) {
		return
	}
	names := iamNames(c, k)
	n := max(t.CountBefore(k, 2), len(names), 1)
	c.Claim(k, k+1)
	for i := 0; i < min(n, 20); i++ {
		name := "user"
		if i < len(names) {
			name = names[i]
		} else if n > 1 {
			name = "user-" + itoaECS(i+1)
		}
		u := spec.Resource{Type: "aws_iam_user", Name: name}
		u.Body.Set("name", spec.String(ResourceName(name, 64)))
		addr := c.Add(u)
		a.iamUsers = append(a.iamUsers, addr)
		c.Understand("IAM user %s", name)
		if kk := t.Phrase(0, "access key|keys"); kk >= 0 || t.Has("accesskey", "accesskeys", "programmatic") {
			ak := spec.Resource{Type: "aws_iam_access_key", Name: addr.Name}
			ak.Body.Set("user", spec.RefTo(addr, "name"))
			c.Add(ak)
			c.Claim(kk, kk+2)
			c.Understand("access key for %s (the secret stays in Terraform state: read it once, then rotate)", name)
		}
	}
}

// iamGroup adds a group with its managed policies and members.
func (a *appState) iamGroup(c *Ctx) *spec.Address {
	t := c.T
	k := t.Find(0, "group")
	if k < 0 || !iamContext(t) || t.Is(k-1, "log", "security", "node", "target", "subnet", "auto", "scaling", "resource", "parameter") {
		return nil
	}
	c.Claim(k, k+1)
	name := "group"
	if ns := iamNames(c, k); len(ns) > 0 {
		name = ns[0]
	} else if n, at, ok := t.NameBefore(k); ok && !c.Claimed(at) && !t.Is(at, "iam", "user", "users") {
		name = n // "an auditors group"
		c.Claim(at, at+1)
	}
	g := spec.Resource{Type: "aws_iam_group", Name: name}
	g.Body.Set("name", spec.String(ResourceName(name, 128)))
	addr := c.Add(g)
	c.Understand("IAM group %s", name)
	return &addr
}

// groupMembership puts every user into the group.
func (a *appState) groupMembership(c *Ctx, group spec.Address) {
	if len(a.iamUsers) == 0 {
		return
	}
	m := spec.Resource{Type: "aws_iam_group_membership", Name: group.Name}
	m.Body.Set("name", spec.String(ResourceName(group.Name, 100)+"-members"))
	m.Body.Set("group", spec.RefTo(group, "name"))
	m.Body.Set("users", Refs(a.iamUsers, "name"))
	c.Add(m)
	c.Understand("users in group %s", group.Name)
}

// attachManaged attaches the managed policies named in the prompt to a
// user, group or role.
func attachManaged(c *Ctx, to spec.Address, typ, arg string) {
	for _, p := range c.T.ManagedPolicies() {
		r := spec.Resource{Type: typ, Name: to.Name + "_" + p.Value}
		r.Body.Set(arg, spec.RefTo(to, "name"))
		r.Body.Set("policy_arn", spec.String(managedPolicyARNFor(p.Value)))
		c.Add(r)
		c.Claim(p.At, p.At+1)
		c.Understand("managed policy %s on %s", p.Value, to)
	}
}

// managedPolicyARNFor returns the ARN of a managed policy by name; the
// service-role policies live under their own path.
func managedPolicyARNFor(name string) string {
	switch name {
	case "AWSLambdaBasicExecutionRole", "AWSLambdaVPCAccessExecutionRole", "AWSLambdaSQSQueueExecutionRole",
		"AWSLambdaKinesisExecutionRole", "AWSLambdaDynamoDBExecutionRole", "AmazonECSTaskExecutionRolePolicy",
		"AmazonEC2ContainerServiceEventsRole", "AWSGlueServiceRole", "AmazonSSMAutomationRole":
		return ManagedPolicyARN("service-" + name)
	}
	if dataContains(jobFunctionPolicies, name) {
		return ManagedPolicyARN("job-function/" + name)
	}
	return ManagedPolicyARN(name)
}
