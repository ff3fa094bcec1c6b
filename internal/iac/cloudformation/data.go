package cloudformation

import (
	"fmt"
	"sort"
	"strings"

	"github.com/syncloud/syncloud/internal/spec"
)

// dataSource prepares a data source: an AMI lookup becomes a parameter;
// the others map to intrinsic functions where they are referenced.
func (r *renderer) dataSource(res *spec.Resource) error {
	switch res.Type {
	case "aws_ami":
		path, err := amiParameter(res)
		if err != nil {
			return fmt.Errorf("%s: %w", res.Addr(), err)
		}
		id := r.reserve(camel(res.Name) + "AmiId")
		r.ids[res.Addr()] = []string{id}
		r.params[id] = parameter{Type: "AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>", Default: path,
			Description: "AMI for " + res.Addr().String() + ", read from AWS's public SSM parameter"}
		return nil
	case "aws_vpc", "aws_subnets":
		return r.lookupParameter(res)
	case "aws_availability_zones", "aws_caller_identity", "aws_region", "aws_partition", "aws_iam_policy_document":
		return nil
	}
	return fmt.Errorf("%s: data source %s has no CloudFormation mapping", res.Addr(), res.Type)
}

// lookupParameter turns a VPC or subnet lookup into a parameter of the
// matching AWS-specific type, which the person deploying picks from their
// account (the console lists the VPCs and subnets). CloudFormation cannot
// search for them itself.
func (r *renderer) lookupParameter(res *spec.Resource) error {
	typ, what := "AWS::EC2::VPC::Id", "VPC"
	if res.Type == "aws_subnets" {
		typ, what = "List<AWS::EC2::Subnet::Id>", "subnets"
	}
	id := r.reserve(camel(res.Name) + camel(strings.TrimPrefix(res.Type, "aws_")))
	r.ids[res.Addr()] = []string{id}
	desc := "The " + what + " that " + res.Addr().String() + " looks up"
	if v, ok := res.Body.Get("default"); ok && v.Kind == spec.KindBool && v.Bool {
		desc = "Your default VPC (" + res.Addr().String() + ")"
	}
	r.params[id] = parameter{Type: typ, Description: desc}
	return nil
}

// amiFamily is an AMI name pattern SynCloud knows, with the public SSM
// parameter that tracks the latest image of that family and its root device.
type amiFamily struct {
	match      []string // all must appear in the name filter
	x86, arm   string   // SSM parameter paths; "" when there is no such build
	rootDevice string
}

func amiFamilies() []amiFamily {
	const canonical = "/aws/service/canonical/ubuntu/server/"
	return []amiFamily{
		{[]string{"ubuntu", "24.04"}, canonical + "24.04/stable/current/amd64/hvm/ebs-gp3/ami-id",
			canonical + "24.04/stable/current/arm64/hvm/ebs-gp3/ami-id", "/dev/sda1"},
		{[]string{"ubuntu", "noble"}, canonical + "24.04/stable/current/amd64/hvm/ebs-gp3/ami-id",
			canonical + "24.04/stable/current/arm64/hvm/ebs-gp3/ami-id", "/dev/sda1"},
		{[]string{"ubuntu", "22.04"}, canonical + "22.04/stable/current/amd64/hvm/ebs-gp2/ami-id",
			canonical + "22.04/stable/current/arm64/hvm/ebs-gp2/ami-id", "/dev/sda1"},
		{[]string{"ubuntu", "jammy"}, canonical + "22.04/stable/current/amd64/hvm/ebs-gp2/ami-id",
			canonical + "22.04/stable/current/arm64/hvm/ebs-gp2/ami-id", "/dev/sda1"},
		{[]string{"ubuntu", "20.04"}, canonical + "20.04/stable/current/amd64/hvm/ebs-gp2/ami-id",
			canonical + "20.04/stable/current/arm64/hvm/ebs-gp2/ami-id", "/dev/sda1"},
		{[]string{"al2023-ami"}, "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64",
			"/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64", "/dev/xvda"},
		{[]string{"amzn2-ami"}, "/aws/service/ami-amazon-linux-latest/amzn2-ami-hvm-x86_64-gp2",
			"/aws/service/ami-amazon-linux-latest/amzn2-ami-hvm-arm64-gp2", "/dev/xvda"},
		{[]string{"debian-12"}, "/aws/service/debian/release/12/latest/amd64",
			"/aws/service/debian/release/12/latest/arm64", "/dev/xvda"},
		{[]string{"Windows_Server-2022-English-Full-Base"},
			"/aws/service/ami-windows-latest/Windows_Server-2022-English-Full-Base", "", "/dev/sda1"},
		{[]string{"Windows_Server-2019-English-Full-Base"},
			"/aws/service/ami-windows-latest/Windows_Server-2019-English-Full-Base", "", "/dev/sda1"},
	}
}

// amiNameFilter returns the values of an aws_ami data source's "name"
// filter, joined.
func amiNameFilter(res *spec.Resource) string {
	var names []string
	for _, f := range res.Body.BlocksOf("filter") {
		if n, ok := f.Get("name"); ok && n.Kind == spec.KindString && n.Str == "name" {
			v, _ := f.Get("values")
			for _, e := range v.List {
				names = append(names, e.Str)
			}
		}
	}
	if v, ok := res.Body.Get("name_regex"); ok && v.Kind == spec.KindString {
		names = append(names, v.Str)
	}
	return strings.Join(names, " ")
}

// findAMIFamily matches an aws_ami data source to a known family and
// architecture.
func findAMIFamily(res *spec.Resource) (amiFamily, bool, error) {
	name := amiNameFilter(res)
	arm := strings.Contains(name, "arm64") || strings.Contains(name, "aarch64")
	for _, f := range amiFamilies() {
		all := true
		for _, m := range f.match {
			all = all && strings.Contains(name, m)
		}
		if all && (!arm || f.arm != "") {
			return f, arm, nil
		}
	}
	return amiFamily{}, false, fmt.Errorf("no public SSM parameter is known for AMIs named %q", name)
}

func amiParameter(res *spec.Resource) (string, error) {
	f, arm, err := findAMIFamily(res)
	if err != nil {
		return "", err
	}
	if arm {
		return f.arm, nil
	}
	return f.x86, nil
}

// policyDocument converts an aws_iam_policy_document data source to the
// JSON policy object CloudFormation takes inline.
func (c *conv) policyDocument(doc *spec.Resource) any {
	d := c.sub(doc.Addr().String(), &doc.Body)
	out := map[string]any{"Version": "2012-10-17"}
	if v, ok := d.get("version"); ok {
		out["Version"] = d.value(v)
	}
	var stmts []any
	for _, b := range d.blocks("statement") {
		stmts = append(stmts, d.nested("statement", b, statement))
	}
	out["Statement"] = stmts
	d.leftovers()
	return out
}

// statement converts one policy statement block.
func statement(n *conv) {
	n.propPairs("sid", "Sid", "effect", "Effect", "actions", "Action", "not_actions", "NotAction",
		"resources", "Resource", "not_resources", "NotResource")
	if _, ok := n.props["Effect"]; !ok {
		n.props["Effect"] = "Allow"
	}
	for _, pair := range [][2]string{{"principals", "Principal"}, {"not_principals", "NotPrincipal"}} {
		principals := map[string]any{}
		for _, p := range n.blocks(pair[0]) {
			pm := n.nested(pair[0], p, func(m *conv) { m.propPairs("type", "Type", "identifiers", "Ids") })
			typ, _ := pm["Type"].(string)
			n.checkKey(typ)
			if typ == "*" {
				n.props[pair[1]] = "*"
				continue
			}
			principals[typ] = pm["Ids"]
		}
		if len(principals) > 0 {
			n.props[pair[1]] = principals
		}
	}
	conds := map[string]any{}
	for _, cb := range n.blocks("condition") {
		cm := n.nested("condition", cb, func(m *conv) { m.propPairs("test", "Test", "variable", "Variable", "values", "Values") })
		test, _ := cm["Test"].(string)
		variable, _ := cm["Variable"].(string)
		n.checkKey(test)
		n.checkKey(variable)
		inner, _ := conds[test].(map[string]any)
		if inner == nil {
			inner = map[string]any{}
		}
		inner[variable] = cm["Values"]
		conds[test] = inner
	}
	if len(conds) > 0 {
		n.props["Condition"] = conds
	}
}

// sortedKeys lists a map's keys in order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
