package policy

import (
	"encoding/json"
	"strings"

	"github.com/syncloud/syncloud/internal/spec"
)

// statement is the part of an IAM policy statement the checks read.
type statement struct {
	effect    string
	actions   []string
	resources []string
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
	var stmts []statement
	for _, b := range r.Body.BlocksOf("statement") {
		av, _ := b.Get("actions")
		rv, _ := b.Get("resources")
		stmts = append(stmts, statement{effect: stringAttr(b, "effect"), actions: stringsOf(av), resources: stringsOf(rv)})
	}
	c.judgeStatements("statement", stmts)
}

// iamPolicyJSON judges a policy given as a literal JSON string or as a
// JSON-encoded value (jsonencode, which may hold references). A policy given
// by reference is judged where it is defined.
func iamPolicyJSON(c *check, r *spec.Resource) {
	v, ok := r.Body.Get("policy")
	if !ok {
		return
	}
	doc := v.Str
	switch v.Kind {
	case spec.KindString:
	case spec.KindJSON:
		b, err := v.JSON[0].MarshalJSON() // references encode as {"$ref": ...}, never as "*"
		if err != nil {
			return
		}
		doc = string(b)
	default:
		return
	}
	stmts, err := parsePolicy(doc)
	if err != nil {
		c.advise("SYNCLOUD_IAM_POLICY_JSON", Medium, "policy", "the policy is not valid IAM JSON: %v", err)
		return
	}
	c.judgeStatements("policy", stmts)
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
		Effect   string
		Action   stringOrList
		Resource stringOrList
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
		out[i] = statement{effect: s.Effect, actions: s.Action, resources: s.Resource}
	}
	return out, nil
}

// stringOrList decodes an IAM field written as "x" or ["x", "y"]. Items
// that are not strings (references, in a jsonencode value) are skipped.
type stringOrList []string

func (s *stringOrList) UnmarshalJSON(b []byte) error {
	var one string
	if err := json.Unmarshal(b, &one); err == nil {
		*s = []string{one}
		return nil
	}
	var many []any
	if err := json.Unmarshal(b, &many); err != nil {
		return err
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
