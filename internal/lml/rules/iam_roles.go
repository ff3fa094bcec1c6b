package rules

import (
	"regexp"
	"strings"

	"github.com/syncloud/syncloud/internal/spec"
)

// servicePrincipals maps words to the service that assumes a role.
var servicePrincipals = []struct{ word, principal string }{
	{"ec2", "ec2.amazonaws.com"}, {"lambda", "lambda.amazonaws.com"}, {"ecs", "ecs-tasks.amazonaws.com"},
	{"fargate", "ecs-tasks.amazonaws.com"}, {"glue", "glue.amazonaws.com"}, {"codebuild", "codebuild.amazonaws.com"},
	{"codepipeline", "codepipeline.amazonaws.com"}, {"sagemaker", "sagemaker.amazonaws.com"},
	{"states", "states.amazonaws.com"}, {"firehose", "firehose.amazonaws.com"}, {"batch", "batch.amazonaws.com"},
	{"apigateway", "apigateway.amazonaws.com"}, {"eventbridge", "events.amazonaws.com"}, {"ssm", "ssm.amazonaws.com"},
}

var (
	iamActionRe = regexp.MustCompile(`^[a-z0-9-]+:[A-Za-z*]+$`)
	ghRepoRe    = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9-]*/[A-Za-z0-9._-]+$`)
)

// declareIAM places standalone IAM: users, groups, roles a service or
// GitHub Actions assumes, and customer managed policies.
func (a *appState) declareIAM(c *Ctx) {
	t := c.T
	a.declareUsers(c)
	a.claimPolicyWords(c)
	if g := a.iamGroup(c); g != nil {
		attachManaged(c, *g, "aws_iam_group_policy_attachment", "group")
		a.groupMembership(c, *g)
	} else {
		for _, u := range a.iamUsers {
			attachManaged(c, u, "aws_iam_user_policy_attachment", "user")
		}
	}
	if t.Has("github") && (t.Has("oidc", "actions", "federated", "federation") || t.HasPhrase("web identity")) {
		a.githubRole(c)
		return
	}
	k := t.Find(0, "role")
	if k < 0 || c.Claimed(k) || len(a.fns) > 0 || (a.ecs != nil && a.ecs.task != nil) || t.Has("eks") ||
		c.First("aws_iam_instance_profile") != nil { // the role of an instance's profile
		return
	}
	principal, word := rolePrincipal(t, k)
	for i := range t.Toks {
		if trustedServiceAt(t, i) && t.Is(i, "lambda", "ecs", "fargate", "ec2", "function", "functions", "task", "tasks") {
			c.Claim(i, i+1) // the service trusted, not one asked for
		}
	}
	name := LocalName(word + "_role")
	role := c.ServiceRole(name, principal)
	a.iamRole = &role
	c.Claim(k, k+1)
	c.Understand("IAM role %s assumable by %s", name, principal)
	attachManaged(c, role, "aws_iam_role_policy_attachment", "role")
	if principal == "lambda.amazonaws.com" && t.Has("execution") {
		c.AttachPolicy(role, spec.String(ManagedPolicyARN("service-AWSLambdaBasicExecutionRole")))
	}
	if principal == "ec2.amazonaws.com" {
		ip := spec.Resource{Type: "aws_iam_instance_profile", Name: name}
		ip.Body.Set("name_prefix", spec.String(ResourceName(name, 32)+"-"))
		ip.Body.Set("role", spec.RefTo(role, "name"))
		c.Add(ip)
		c.Understand("instance profile for role %s", name)
	}
}

// trustedServiceAt reports whether the service named at token i is the one
// an IAM role trusts, not a resource asked for: "a role that Lambda can
// assume", "a role for ECS tasks", "a role assumable by Fargate".
func trustedServiceAt(t *Text, i int) bool {
	if !t.Has("role", "roles") {
		return false
	}
	k := i + 1
	if t.Is(k, "task", "tasks", "function", "functions", "service", "services", "instance", "instances") {
		k++
	}
	if t.Is(k, "can", "may", "assume", "assumes", "role", "roles", "execution") || t.Is(k, "to") && t.Is(k+1, "assume") {
		return true
	}
	for j := i - 1; j >= 0 && j >= i-4 && !t.Toks[j].Break; j-- {
		switch {
		case t.Is(j, "role", "roles"):
			return true
		case t.Is(j, "assumable", "assumed", "trusted", "trusts", "trusting"):
			return true
		case !t.Is(j, "for", "that", "which", "the", "by", "used", "use", "only", "iam", "an", "a", "lambda", "ecs", "fargate", "ec2"):
			return false
		}
	}
	return false
}

// rolePrincipal finds the service that assumes the role named at k.
func rolePrincipal(t *Text, k int) (principal, word string) {
	best, bestD := -1, 1<<30
	for i, sp := range servicePrincipals {
		for _, at := range t.FindAll(sp.word) {
			if d := max(at-k, k-at); d < bestD {
				best, bestD = i, d
			}
		}
	}
	if best < 0 {
		return "ec2.amazonaws.com", "ec2"
	}
	return servicePrincipals[best].principal, servicePrincipals[best].word
}

// githubRole adds the GitHub Actions OIDC provider and a role that the
// named repository's workflows assume with a web identity token.
func (a *appState) githubRole(c *Ctx) {
	t := c.T
	p := spec.Resource{Type: "aws_iam_openid_connect_provider", Name: "github"}
	p.Body.Set("url", spec.String("https://token.actions.githubusercontent.com"))
	p.Body.Set("client_id_list", spec.Strings("sts.amazonaws.com"))
	p.Body.Set("thumbprint_list", spec.Strings("6938fd4d98bab03faadb97b34396831e3780aea1", "1c58a3a8518e8759bf075b76b750d4f2df264fcd"))
	provider := c.Add(p)
	repo := "*"
	for i, tok := range t.Toks {
		if ghRepoRe.MatchString(tok.Raw) && !strings.Contains(tok.Raw, ".amazonaws") {
			repo = tok.Raw
			c.Claim(i, i+1)
			break
		}
	}
	if repo == "*" {
		c.Assume("aws_iam_role.github_actions.assume_role_policy", "no repository named: any repository of GitHub may assume the role; name one (owner/repo) to restrict it")
	}
	sub := "repo:" + repo + ":*"
	if k := t.Find(0, "branch"); k > 0 && !t.Is(k-1, fillerWords...) {
		sub = "repo:" + repo + ":ref:refs/heads/" + t.Raw(k-1)
	}
	d := spec.Resource{Mode: spec.Data, Type: "aws_iam_policy_document", Name: "github_actions_assume"}
	s := d.Body.AddBlock("statement")
	s.Set("effect", spec.String("Allow"))
	s.Set("actions", spec.Strings("sts:AssumeRoleWithWebIdentity"))
	pr := s.AddBlock("principals")
	pr.Set("type", spec.String("Federated"))
	pr.Set("identifiers", spec.List(spec.RefTo(provider, "arn")))
	for _, cd := range []struct{ test, variable, value string }{
		{"StringEquals", "token.actions.githubusercontent.com:aud", "sts.amazonaws.com"},
		{"StringLike", "token.actions.githubusercontent.com:sub", sub},
	} {
		b := s.AddBlock("condition")
		b.Set("test", spec.String(cd.test))
		b.Set("variable", spec.String(cd.variable))
		b.Set("values", spec.Strings(cd.value))
	}
	doc := c.Add(d)
	r := spec.Resource{Type: "aws_iam_role", Name: "github_actions"}
	r.Body.Set("name_prefix", spec.String("github-actions-"))
	r.Body.Set("assume_role_policy", spec.RefTo(doc, "json"))
	role := c.Add(r)
	a.iamRole = &role
	attachManaged(c, role, "aws_iam_role_policy_attachment", "role")
	c.claimWords("github", "oidc", "actions", "role", "identity", "web", "provider")
	c.Understand("GitHub Actions OIDC provider and role for %s", sub)
}
