package policy

import (
	"encoding/json"
	"strings"

	"github.com/syncloud/syncloud/internal/spec"
)

// statement is the part of an IAM policy statement the checks read.
type statement struct {
	effect      string
	actions     []string
	resources   []string
	anyone      bool // the principal is "*" (or AWS "*"): everybody
	conditioned bool // a condition narrows who or when
}

// judgeStatements reports Allow statements with the "*" action: over every
// resource it is full administrator access (CKV_AWS_62), otherwise every
// action on some resources (CKV_AWS_63). Both are kept: policy cannot guess
// the narrower set of actions the user meant.
func (c *check) judgeStatements(path string, stmts []statement) {
	for _, st := range stmts {
		if st.effect != "" && st.effect != "Allow" || !contains(st.actions, "*") {
			continue
		}
		if contains(st.resources, "*") {
			c.requested("CKV_AWS_62", High, path, `a statement allows "*" actions on "*" resources (full administrator access); kept as requested`)
			continue
		}
		c.requested("CKV_AWS_63", High, path, `a statement allows "*" actions; kept as requested`)
	}
}

// iamPolicyDocument judges the statement blocks of a policy document.
func iamPolicyDocument(c *check, r *spec.Resource) {
	c.judgeStatements("statement", documentStatements(r))
}

// documentStatements reads the statement blocks of an
// aws_iam_policy_document data source.
func documentStatements(r *spec.Resource) []statement {
	var stmts []statement
	for _, b := range r.Body.BlocksOf("statement") {
		av, _ := b.Get("actions")
		rv, _ := b.Get("resources")
		st := statement{effect: stringAttr(b, "effect"), actions: stringsOf(av), resources: stringsOf(rv),
			conditioned: len(b.BlocksOf("condition")) > 0}
		for _, p := range b.BlocksOf("principals") {
			ids, _ := p.Get("identifiers")
			typ := stringAttr(p, "type")
			st.anyone = st.anyone || typ == "*" || typ == "AWS" && contains(stringsOf(ids), "*")
		}
		stmts = append(stmts, st)
	}
	return stmts
}

// iamPolicyJSON judges a policy given as a literal JSON string or as a
// JSON-encoded value (jsonencode, which may hold references). A policy given
// by reference is judged where it is defined.
func iamPolicyJSON(c *check, r *spec.Resource) {
	stmts, ok := c.policyStatements(r, "policy")
	if ok {
		c.judgeStatements("policy", stmts)
	}
}

// policyStatements reads the statements of a policy argument: a literal
// JSON string, a JSON-encoded value, or a reference to a policy document in
// the stack. It reports false when there is nothing to judge; invalid JSON
// is reported as a finding.
func (c *check) policyStatements(r *spec.Resource, arg string) ([]statement, bool) {
	v, ok := r.Body.Get(arg)
	if !ok {
		return nil, false
	}
	var doc string
	switch v.Kind {
	case spec.KindString:
		doc = v.Str
	case spec.KindJSON:
		b, err := v.JSON[0].MarshalJSON() // references encode as {"$ref": ...}, never as "*"
		if err != nil {
			return nil, false
		}
		doc = string(b)
	case spec.KindRef:
		if d := c.stack.Find(v.Ref.To); d != nil && d.Type == "aws_iam_policy_document" {
			return documentStatements(d), true
		}
		return nil, false
	default:
		return nil, false
	}
	stmts, err := parsePolicy(doc)
	if err != nil {
		c.advise("SYNCLOUD_IAM_POLICY_JSON", Medium, arg, "the policy is not valid IAM JSON: %v", err)
		return nil, false
	}
	return stmts, true
}

// parsePolicy reads the statements of an IAM policy document, where
// Statement may be one object or a list and Action/Resource a string or a
// list.
func parsePolicy(doc string) ([]statement, error) {
	var raw struct {
		Statement json.RawMessage
	}
	if err := json.Unmarshal([]byte(doc), &raw); err != nil {
		return nil, err
	}
	type jsonStatement struct {
		Effect    string
		Action    stringOrList
		Resource  stringOrList
		Principal json.RawMessage
		Condition json.RawMessage
	}
	var list []jsonStatement
	if err := json.Unmarshal(raw.Statement, &list); err != nil {
		var one jsonStatement
		if err := json.Unmarshal(raw.Statement, &one); err != nil {
			return nil, err
		}
		list = []jsonStatement{one}
	}
	out := make([]statement, len(list))
	for i, s := range list {
		out[i] = statement{effect: s.Effect, actions: s.Action, resources: s.Resource,
			anyone: anyonePrincipal(s.Principal), conditioned: len(s.Condition) > 0 && string(s.Condition) != "null"}
	}
	return out, nil
}

// anyonePrincipal reports whether a JSON Principal is "*" or {"AWS": "*"}.
func anyonePrincipal(raw json.RawMessage) bool {
	var one string
	if json.Unmarshal(raw, &one) == nil {
		return one == "*"
	}
	var byType map[string]stringOrList
	if json.Unmarshal(raw, &byType) != nil {
		return false
	}
	return contains(byType["AWS"], "*")
}

// stringOrList decodes an IAM field written as "x" or ["x", "y"]. Values
// that are not strings (references, {"$ref": ...} in a jsonencode value)
// are skipped.
type stringOrList []string

func (s *stringOrList) UnmarshalJSON(b []byte) error {
	var one string
	if err := json.Unmarshal(b, &one); err == nil {
		*s = []string{one}
		return nil
	}
	var many []any
	if err := json.Unmarshal(b, &many); err != nil {
		var ref map[string]any
		return json.Unmarshal(b, &ref) // an object: a reference, not a string
	}
	for _, m := range many {
		if str, ok := m.(string); ok {
			*s = append(*s, str)
		}
	}
	return nil
}

// iamAttachment reports the AdministratorAccess managed policy attached to a
// role, user or group (CKV_AWS_274).
func iamAttachment(c *check, r *spec.Resource) {
	if v, ok := r.Body.Get("policy_arn"); ok && isAdminPolicy(v) {
		c.requested("CKV_AWS_274", High, "policy_arn", "AdministratorAccess was explicitly requested and is kept")
	}
}

// iamRoleManagedPolicies reports AdministratorAccess in a role's
// managed_policy_arns (CKV_AWS_274).
func iamRoleManagedPolicies(c *check, r *spec.Resource) {
	v, ok := r.Body.Get("managed_policy_arns")
	if !ok || v.Kind != spec.KindList {
		return
	}
	for _, e := range v.List {
		if isAdminPolicy(e) {
			c.requested("CKV_AWS_274", High, "managed_policy_arns", "AdministratorAccess was explicitly requested and is kept")
		}
	}
}

func isAdminPolicy(v spec.Value) bool {
	return v.Kind == spec.KindString && strings.HasSuffix(v.Str, ":policy/AdministratorAccess")
}

func contains(ss []string, want string) bool {
	for _, s := range ss {
		if s == want {
			return true
		}
	}
	return false
}
