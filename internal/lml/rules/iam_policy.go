package rules

import (
	"strings"

	"github.com/syncloud/syncloud/internal/spec"
)

var (
	pushWords = []string{"push", "pushes", "upload", "uploads", "write", "writes", "deploy", "deploys", "publish", "publishes"}
	pullWords = []string{"pull", "pulls", "read", "reads", "download", "downloads", "get", "fetch"}
)

// linkIAM adds a customer managed policy when the prompt asks for one
// ("custom managed policy that can push to both", "IAM policy allowing
// s3:GetObject on bucket my-data") and attaches it to the users, group or
// role placed.
func (a *appState) linkIAM(c *Ctx) {
	t := c.T
	k := t.Phrase(0, "custom|customer-managed|customer|managed|iam|inline policy|policies")
	if k < 0 {
		k = t.Phrase(0, "customer managed policy")
	}
	implied := (a.iamRole != nil || len(a.iamUsers) > 0) && t.Has(append(pushWords, pullWords...)...)
	if k < 0 && !implied {
		return
	}
	stmts := a.policyStatements(c)
	if len(stmts) == 0 {
		return
	}
	if k >= 0 {
		c.Claim(k, k+2)
	}
	doc := c.PolicyDocument("custom_policy", stmts...)
	p := spec.Resource{Type: "aws_iam_policy", Name: "custom"}
	if name, n, ok := t.dataName(k+1, false); k >= 0 && ok && t.looksLikeName(n) {
		p.Name = name // "IAM policy named s3-readonly-reports"
		p.Body.Set("name", spec.String(ResourceName(name, 128)))
		c.Claim(n, n+1)
	} else {
		p.Body.Set("name_prefix", spec.String("syncloud-custom-"))
	}
	p.Body.Set("description", spec.String("customer managed policy: "+strings.Join(stmts[0].Actions, ", ")))
	p.Body.Set("policy", spec.RefTo(doc, "json"))
	pol := c.Add(p)
	c.Understand("customer managed IAM policy %s", pol.Name)
	a.attachCustom(c, pol)
}

// attachCustom attaches the policy to the users, else the group, else the
// standalone role.
func (a *appState) attachCustom(c *Ctx, pol spec.Address) {
	for _, u := range a.iamUsers {
		r := spec.Resource{Type: "aws_iam_user_policy_attachment", Name: u.Name + "_" + pol.Name}
		r.Body.Set("user", spec.RefTo(u, "name"))
		r.Body.Set("policy_arn", spec.RefTo(pol, "arn"))
		c.Add(r)
	}
	if len(a.iamUsers) > 0 {
		return
	}
	if g := c.First("aws_iam_group"); g != nil {
		r := spec.Resource{Type: "aws_iam_group_policy_attachment", Name: g.Name + "_" + pol.Name}
		r.Body.Set("group", spec.RefTo(g.Addr(), "name"))
		r.Body.Set("policy_arn", spec.RefTo(pol, "arn"))
		c.Add(r)
		return
	}
	if a.iamRole != nil {
		c.AttachPolicy(*a.iamRole, spec.RefTo(pol, "arn"))
	} else if role := c.First("aws_iam_role"); role != nil {
		c.AttachPolicy(role.Addr(), spec.RefTo(pol, "arn"))
	}
}

// policyStatements builds the statements: actions written as
// "service:Action" on the resources named, or push/pull access to the
// stack's buckets and repositories.
func (a *appState) policyStatements(c *Ctx) []Statement {
	t := c.T
	var actions []string
	for i, tok := range t.Toks {
		if iamActionRe.MatchString(tok.Raw) && !strings.HasPrefix(tok.Norm, "arn:") {
			actions = append(actions, tok.Raw)
			c.Claim(i, i+1)
		}
	}
	if len(actions) > 0 {
		return []Statement{{Actions: actions, Resources: actionResources(c, actions)}}
	}
	push, pull := t.Has(pushWords...), t.Has(pullWords...)
	if !push && !pull {
		return nil
	}
	var out []Statement
	for _, b := range c.Stack.OfType("aws_s3_bucket") {
		glob := bucketArnGlob(b)
		acts := []string{"s3:GetObject"}
		if push {
			acts = append(acts, "s3:PutObject")
		}
		out = append(out, Statement{Actions: acts, Resources: []spec.Value{spec.String(glob + "/*")}},
			Statement{Actions: []string{"s3:ListBucket"}, Resources: []spec.Value{spec.String(glob)}})
	}
	for _, r := range c.Stack.OfType("aws_ecr_repository") {
		acts := []string{"ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"}
		if push {
			acts = append(acts, "ecr:CompleteLayerUpload", "ecr:InitiateLayerUpload", "ecr:PutImage", "ecr:UploadLayerPart")
		}
		out = append(out, Statement{Actions: acts, Resources: []spec.Value{spec.RefTo(r.Addr(), "arn")}})
	}
	if len(c.Stack.OfType("aws_ecr_repository")) > 0 {
		out = append(out, Statement{Actions: []string{"ecr:GetAuthorizationToken"}, Resources: []spec.Value{spec.String("*")}})
	}
	return out
}

// actionResources returns the resources the actions apply to: ARNs
// written in the prompt, a named bucket ("on bucket my-data"), or the
// stack's resources of the actions' service.
func actionResources(c *Ctx, actions []string) []spec.Value {
	t := c.T
	var out []spec.Value
	for _, a := range t.ARNs() {
		out = append(out, spec.String(a.Value))
		c.Claim(a.At, a.At+1)
	}
	if len(out) > 0 {
		return out
	}
	svc := strings.SplitN(actions[0], ":", 2)[0]
	if k := t.Find(0, "bucket"); k >= 0 && svc == "s3" {
		if n, at, ok := t.NameNear(k, true); ok {
			c.Claim(at, at+1)
			b := "arn:aws:s3:::" + BucketName(n)
			return []spec.Value{spec.String(b), spec.String(b + "/*")}
		}
	}
	types := map[string]string{"s3": "aws_s3_bucket", "sqs": "aws_sqs_queue", "sns": "aws_sns_topic",
		"dynamodb": "aws_dynamodb_table", "ecr": "aws_ecr_repository", "lambda": "aws_lambda_function"}
	for _, r := range c.Stack.OfType(types[svc]) {
		if svc == "s3" {
			glob := bucketArnGlob(r)
			out = append(out, spec.String(glob), spec.String(glob+"/*"))
			continue
		}
		out = append(out, spec.RefTo(r.Addr(), "arn"))
	}
	if len(out) == 0 {
		c.Assume("aws_iam_policy.custom.policy", "no resource named for %s: the policy applies to all resources (*); narrow it before use", strings.Join(actions, ", "))
		out = append(out, spec.String("*"))
	}
	return out
}

// claimPolicyWords marks "custom managed policy" and "s3:GetObject" as
// understood while declaring, so no later family reports them; linkIAM
// builds the policy once every resource it may name exists.
func (a *appState) claimPolicyWords(c *Ctx) {
	t := c.T
	hasActions := false
	for i, tok := range t.Toks {
		if iamActionRe.MatchString(tok.Raw) && !strings.HasPrefix(tok.Norm, "arn:") {
			hasActions = true
			c.Claim(i, i+1)
		}
	}
	if !hasActions && !t.Has(append(pushWords, pullWords...)...) {
		return
	}
	for k := t.Phrase(0, "custom|customer-managed|customer|managed|iam|inline policy|policies"); k >= 0; k = t.Phrase(k+2, "custom|customer-managed|customer|managed|iam|inline policy|policies") {
		c.Claim(k, k+2)
	}
}
