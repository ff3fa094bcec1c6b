package rules

import (
	"github.com/syncloud/syncloud/internal/spec"
)

// ServiceRole adds an IAM role that an AWS service principal (e.g.
// "lambda.amazonaws.com") may assume, its trust policy as an
// aws_iam_policy_document data source, and one attachment per managed
// policy ARN. It returns the role's address.
func (c *Ctx) ServiceRole(base, principal string, managedPolicyARNs ...string) spec.Address {
	doc := c.PolicyDocument(base+"_assume", Statement{
		Actions:    []string{"sts:AssumeRole"},
		Principals: []Principal{{Type: "Service", Identifiers: []string{principal}}},
	})
	role := spec.Resource{Type: "aws_iam_role", Name: base}
	role.Body.Set("name_prefix", spec.String(ResourceName(base, 32)+"-"))
	role.Body.Set("assume_role_policy", spec.RefTo(doc, "json"))
	addr := c.Add(role)
	for _, arn := range managedPolicyARNs {
		c.AttachPolicy(addr, spec.String(arn))
	}
	return addr
}

// AttachPolicy attaches a managed policy (an ARN literal or a reference to an
// aws_iam_policy's arn) to a role.
func (c *Ctx) AttachPolicy(role spec.Address, policyARN spec.Value) spec.Address {
	att := spec.Resource{Type: "aws_iam_role_policy_attachment", Name: role.Name}
	att.Body.Set("role", spec.RefTo(role, "name"))
	att.Body.Set("policy_arn", policyARN)
	return c.Add(att)
}

// ManagedPolicyARN returns the ARN of an AWS managed policy by name.
func ManagedPolicyARN(name string) string {
	if len(name) > 8 && name[:8] == "service-" {
		return "arn:aws:iam::aws:policy/service-role/" + name[8:]
	}
	return "arn:aws:iam::aws:policy/" + name
}

// Statement is one statement of an IAM policy document.
type Statement struct {
	Sid        string
	Effect     string // "Allow" when empty
	Actions    []string
	Resources  []spec.Value // literals or references (ARNs)
	Principals []Principal
	Conditions []Condition
}

// Principal is a statement's principals block.
type Principal struct {
	Type        string // "Service", "AWS", "Federated"
	Identifiers []string
}

// Condition is a statement's condition block.
type Condition struct {
	Test     string // "StringEquals", "StringLike"
	Variable string
	Values   []string
}

// PolicyDocument adds an aws_iam_policy_document data source and returns its
// address; its "json" attribute is the policy text.
func (c *Ctx) PolicyDocument(base string, stmts ...Statement) spec.Address {
	d := spec.Resource{Mode: spec.Data, Type: "aws_iam_policy_document", Name: base}
	for _, s := range stmts {
		b := d.Body.AddBlock("statement")
		if s.Sid != "" {
			b.Set("sid", spec.String(s.Sid))
		}
		effect := s.Effect
		if effect == "" {
			effect = "Allow"
		}
		b.Set("effect", spec.String(effect))
		b.Set("actions", spec.Strings(s.Actions...))
		if len(s.Resources) > 0 {
			b.Set("resources", spec.List(s.Resources...))
		}
		for _, p := range s.Principals {
			pb := b.AddBlock("principals")
			pb.Set("type", spec.String(p.Type))
			pb.Set("identifiers", spec.Strings(p.Identifiers...))
		}
		for _, cd := range s.Conditions {
			cb := b.AddBlock("condition")
			cb.Set("test", spec.String(cd.Test))
			cb.Set("variable", spec.String(cd.Variable))
			cb.Set("values", spec.Strings(cd.Values...))
		}
	}
	return c.Add(d)
}
