package rules

import (
	"fmt"
	"strings"

	"github.com/syncloud/syncloud/internal/providerschema"
	"github.com/syncloud/syncloud/internal/spec"
)

// filler fills the required arguments of one long-tail resource.
type filler struct {
	c       *Ctx
	idx     *ltIndex
	t       *ltType
	name    string // the resource's name, already sanitised
	named   bool   // the user gave the name
	depth   int
	missing []string
	assumed []ltAssumption
}

func schemaOf(typ string) *providerschema.Block {
	b, _ := providerschema.Resource(typ)
	return b
}

func (f *filler) assume(path, format string, args ...any) {
	f.assumed = append(f.assumed, ltAssumption{Path: path, Message: fmt.Sprintf(format, args...)})
}

// fillBody sets every required argument and nested block of schema into b;
// path is the type followed by the nested block names, dotted.
func (f *filler) fillBody(b *spec.Body, path string, schema *providerschema.Block) {
	for _, an := range schema.AttributeNames() {
		if a := schema.Attributes[an]; a.Required {
			f.fillArg(b, path, an, a)
		}
	}
	for _, bn := range schema.BlockTypeNames() {
		if nb := schema.BlockTypes[bn]; nb.MinItems > 0 {
			f.fillBody(b.AddBlock(bn), path+"."+bn, nb.Block)
		}
	}
}

// fillArg fills one required argument, or records it as missing.
func (f *filler) fillArg(b *spec.Body, path, an string, a *providerschema.Attribute) {
	rel := strings.TrimPrefix(path+"."+an, f.t.name)
	if v, why, ok := f.c.promptValue(f.t, an, a); ok {
		b.Set(an, v)
		f.assume(rel, "%s", why)
		return
	}
	if v, ok := f.c.enumFromPrompt(path + "." + an); ok {
		b.Set(an, v)
		f.assume(rel, "%s, as the request says", v.Str)
		return
	}
	if d, ok := enumDefaults[path+"."+an]; ok {
		b.Set(an, d.value)
		f.assume(rel, "%s", d.reason)
		return
	}
	top := path == f.t.name
	switch {
	case top && isRoleArg(an):
		role := f.c.ServiceRole(LocalName(f.name)+"_role", servicePrincipal(f.t.name))
		b.Set(an, spec.RefTo(role, "arn"))
		f.assume(rel, "a new IAM role that %s may assume, with no permissions yet", servicePrincipal(f.t.name))
	case top && f.fillRef(b, an, rel):
	case an == "availability_zone":
		b.Set(an, spec.String(f.c.AZ(0)))
		f.assume(rel, "the first availability zone of the region, %s", f.c.AZ(0))
	case isNameArg(an, f.t):
		b.Set(an, spec.String(f.name))
		if !f.named {
			f.assume(rel, "no name given: using %q", f.name)
		}
	default:
		f.missing = append(f.missing, strings.TrimPrefix(rel, "."))
	}
}

func isRoleArg(an string) bool {
	return an == "role_arn" || strings.HasSuffix(an, "_role_arn") || an == "service_role" ||
		an == "execution_role" || an == "service_role_arn"
}

// isNameArg reports whether an argument names the resource itself: "name",
// "*_name" or "*_identifier", or an "*_id" the user chooses for the type
// itself (an ElastiCache user's user_id).
func isNameArg(an string, t *ltType) bool {
	switch {
	case an == "name" || an == "identifier" || strings.HasSuffix(an, "_name") || strings.HasSuffix(an, "_identifier"):
		return true
	case strings.HasSuffix(an, "_id"):
		ws := strings.Split(strings.TrimSuffix(an, "_id"), "_")
		return ltContains(t.own, canonicalWord(ws[len(ws)-1]))
	}
	return false
}

// fillRef sets an argument that points at another resource: the parent's
// attribute of the same name (cluster_identifier), or "<x>_<attr>" / "<x>"
// where x ends the name of a type in the stack or one this request may
// create (voice_connector_id, table_name, stream_arn, bucket).
func (f *filler) fillRef(b *spec.Body, an, rel string) bool {
	if v, why, ok := f.c.networkRef(an); ok {
		b.Set(an, v)
		f.assume(rel, "%s", why)
		return true
	}
	if p := f.t.parent; p != "" && f.c.First(p) != nil {
		if pa, ok := schemaOf(p).Attributes[an]; ok && strings.Contains(an, "_") && (pa.Computed || f.c.First(p).Body.Has(an)) {
			b.Set(an, spec.RefTo(f.c.First(p).Addr(), an))
			return true
		}
	}
	for _, sp := range refSplits(an) {
		if addr, attr, ok := f.target(sp.x, sp.attr); ok {
			b.Set(an, spec.RefTo(addr, attr))
			return true
		}
	}
	return false
}

// refSplit is one reading of an argument name as "<type words>_<attribute>".
type refSplit struct {
	x    []string
	attr string
}

func refSplits(an string) []refSplit {
	var out []refSplit
	for _, suf := range []string{"id", "arn", "name", "identifier"} {
		if x, ok := strings.CutSuffix(an, "_"+suf); ok {
			out = append(out, refSplit{canonicalWords(x), suf})
		} else if x, ok := strings.CutSuffix(an, suf); ok && x != "" && !strings.HasSuffix(x, "_") {
			out = append(out, refSplit{canonicalWords(x), suf})
		}
	}
	return append(out, refSplit{canonicalWords(an), "id"})
}

func canonicalWords(s string) []string {
	ws := strings.Split(s, "_")
	for i, w := range ws {
		ws[i] = canonicalWord(w)
	}
	return ws
}

// target finds the resource an argument points at: one in the stack whose
// type's name ends in x (the same service first), or a new one of the
// service's type named x.
func (f *filler) target(x []string, attr string) (spec.Address, string, bool) {
	best := -1
	for i := range f.c.Stack.Resources {
		r := &f.c.Stack.Resources[i]
		ti, ok := f.idx.byName[r.Type]
		if r.Mode != spec.Managed || !ok || r.Type == f.t.name || !endsWith(f.idx.types[ti].words, x) {
			continue
		}
		if best < 0 || f.idx.types[ti].service() == f.t.service() && f.c.Stack.Resources[best].Type != r.Type {
			best = i
		}
	}
	if best >= 0 {
		r := &f.c.Stack.Resources[best]
		a, ok := attrOf(r.Type, attr)
		return r.Addr(), a, ok
	}
	return f.createTarget(x, attr)
}

// createTarget creates the resource an argument needs when its type is the
// service's own type named x (aws_chime_ + voice_connector) or the type x
// of a service the request names (a Kinesis stream for stream_arn).
func (f *filler) createTarget(x []string, attr string) (spec.Address, string, bool) {
	if f.depth >= maxLongTailDepth {
		return spec.Address{}, "", false
	}
	want := "aws_" + f.t.service() + "_" + strings.Join(x, "_")
	ti, ok := f.idx.byName[want]
	if !ok {
		ti, ok = f.serviceType(x)
	}
	if !ok || f.idx.types[ti].name == f.t.name {
		return spec.Address{}, "", false
	}
	a, ok := attrOf(f.idx.types[ti].name, attr)
	if !ok {
		return spec.Address{}, "", false
	}
	addr, missing := f.c.placeType(f.idx, &f.idx.types[ti], "", false, f.depth+1)
	if len(missing) > 0 {
		return spec.Address{}, "", false
	}
	f.c.Understand("%s, which the %s needs", addr, f.t.name)
	return addr, a, true
}

// serviceType finds the type "<service>_x" of a service the request names.
func (f *filler) serviceType(x []string) (int, bool) {
	words := f.c.requestWords(f.idx)
	for ti := range f.idx.types {
		t := &f.idx.types[ti]
		if len(t.words) == len(x)+1 && endsWith(t.words, x) && ltNearest(words, t.service(), 0) >= 0 {
			return ti, true
		}
	}
	return 0, false
}

func endsWith(words, x []string) bool {
	if len(x) == 0 || len(x) > len(words) {
		return false
	}
	for i := range x {
		if words[len(words)-len(x)+i] != x[i] {
			return false
		}
	}
	return true
}

// attrOf returns attr if typ has it, else "id" for a wanted name that the
// type does not have.
func attrOf(typ, attr string) (string, bool) {
	s := schemaOf(typ)
	if _, ok := s.Attributes[attr]; ok {
		return attr, true
	}
	if attr == "name" || attr == "identifier" {
		_, ok := s.Attributes["id"]
		return "id", ok
	}
	return "", false
}

// networkRef places a resource in the request's network, else in the
// account's default VPC.
func (c *Ctx) networkRef(an string) (spec.Value, string, bool) {
	switch an {
	case "vpc_id":
		if c.Net != nil {
			return spec.RefTo(c.Net.VPC, "id"), "in the request's VPC", true
		}
		if r := c.First("aws_vpc"); r != nil {
			return spec.RefTo(r.Addr(), "id"), "in the request's VPC", true
		}
		return spec.RefTo(c.defaultVPC(), "id"), "no VPC named: in the account's default VPC", true
	case "subnet_id":
		if c.Net != nil && len(c.Net.Private)+len(c.Net.Public) > 0 {
			return spec.RefTo(append(c.Net.Private, c.Net.Public...)[0], "id"), "in the request's first subnet", true
		}
		if r := c.First("aws_subnet"); r != nil {
			return spec.RefTo(r.Addr(), "id"), "in the request's subnet", true
		}
	}
	return spec.Value{}, "", false
}

// defaultVPC returns the data source reading the account's default VPC,
// adding it once.
func (c *Ctx) defaultVPC() spec.Address {
	a := spec.Address{Mode: spec.Data, Type: "aws_vpc", Name: "default"}
	if c.Stack.Find(a) == nil {
		d := spec.Resource{Mode: spec.Data, Type: "aws_vpc", Name: "default"}
		d.Body.Set("default", spec.Bool(true))
		c.Stack.Add(d)
	}
	return a
}

// fillCompanions sets the arguments a type needs in practice that the
// request did not set (see companionDefaults).
func (f *filler) fillCompanions(b *spec.Body) {
	for _, cd := range companionDefaults[f.t.name] {
		if b.SetDefault(cd.arg, cd.value) {
			f.assume("."+cd.arg, "%s", cd.reason)
		}
	}
}
