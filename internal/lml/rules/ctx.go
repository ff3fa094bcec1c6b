package rules

import (
	"fmt"
	"sort"

	"github.com/syncloud/syncloud/internal/lml"
	"github.com/syncloud/syncloud/internal/spec"
)

// Ctx is what a family works with while it builds: the tokenized prompt, the
// stack so far, and the record of what was understood and assumed.
type Ctx struct {
	T     *Text
	Stack *spec.Stack
	// Net is the network the prompt asked for (set by the network family), or
	// nil: the default VPC.
	Net *Network
	// Tags are tags the user asked for, applied to every taggable resource.
	Tags map[string]string

	// prior holds the addresses that were in the workspace's current spec
	// before this request (a conversation's earlier turns).
	prior       map[spec.Address]bool
	claimed     []bool
	understood  []string
	assumptions []lml.Assumption
	unplaced    []string
}

// Network is the VPC a prompt asked for, with its subnets by tier.
type Network struct {
	VPC     spec.Address
	Public  []spec.Address
	Private []spec.Address
	// AZs lists the availability zones used, in subnet order.
	AZs []string
}

func newCtx(t *Text, s *spec.Stack) *Ctx {
	return &Ctx{T: t, Stack: s, claimed: make([]bool, t.Len()), Tags: map[string]string{}}
}

// Understand records something the engine placed, for --explain.
func (c *Ctx) Understand(format string, args ...any) {
	c.understood = append(c.understood, fmt.Sprintf(format, args...))
}

// Assume records a default chosen on the user's behalf.
func (c *Ctx) Assume(path, format string, args ...any) {
	c.assumptions = append(c.assumptions, lml.Assumption{Path: path, Message: fmt.Sprintf(format, args...)})
}

// Unplaced records a phrase naming infrastructure the engine cannot build.
func (c *Ctx) Unplaced(phrase string) { c.unplaced = append(c.unplaced, phrase) }

// Claim marks tokens [from, to) as used by a family, so that no other family
// reads them as its own and they are not reported as unplaced.
func (c *Ctx) Claim(from, to int) {
	for i := max(from, 0); i < to && i < len(c.claimed); i++ {
		c.claimed[i] = true
	}
}

// Claimed reports whether token i was used by a family.
func (c *Ctx) Claimed(i int) bool { return i >= 0 && i < len(c.claimed) && c.claimed[i] }

// Add puts a resource into the stack under a unique local name derived from
// r.Name and returns its address.
func (c *Ctx) Add(r spec.Resource) spec.Address {
	r.Name = c.Stack.UniqueName(r.Mode, r.Type, LocalName(r.Name))
	c.Stack.Add(r)
	return r.Addr()
}

// Existing returns the managed resource of typ whose attr is the same
// literal as in b, when the stack already holds one (in a conversation,
// from the workspace's current spec): a physical name is unique, so a new
// resource with it would collide.
func (c *Ctx) Existing(typ, attr string, b *spec.Body) *spec.Resource {
	want, ok := b.Get(attr)
	if !ok || want.Kind != spec.KindString {
		return nil
	}
	for _, r := range c.Stack.OfType(typ) {
		if v, ok := r.Body.Get(attr); ok && v.Kind == spec.KindString && v.Str == want.Str {
			return r
		}
	}
	return nil
}

// Prior reports whether the resource at a was in the current spec the
// request edits, rather than added by it.
func (c *Ctx) Prior(a spec.Address) bool { return c.prior[a] }

// Res returns the resource at a, which must exist.
func (c *Ctx) Res(a spec.Address) *spec.Resource {
	r := c.Stack.Find(a)
	if r == nil {
		panic("rules: no resource " + a.String())
	}
	return r
}

// Region is the stack's region.
func (c *Ctx) Region() string { return c.Stack.Region }

// AZ returns the i-th availability zone name of the stack's region
// ("us-east-1a", "us-east-1b", ...). Names are literal so that plans need no
// DescribeAvailabilityZones call.
func (c *Ctx) AZ(i int) string { return AZ(c.Stack.Region, i) }

// azLetters are the zone letters of regions whose zones every account sees
// are not a, b, c...: Tokyo has no 1b for accounts made since 2012, Canada
// Central has a, b and d.
var azLetters = map[string]string{"ap-northeast-1": "acd", "ca-central-1": "abd"}

// AZ returns the i-th availability zone name of a region.
func AZ(region string, i int) string {
	letters, ok := azLetters[region]
	if !ok {
		letters = "abcdef"
	}
	return fmt.Sprintf("%s%c", region, letters[i%len(letters)])
}

// First returns the first managed resource of a type, or nil.
func (c *Ctx) First(typ string) *spec.Resource {
	rs := c.Stack.OfType(typ)
	if len(rs) == 0 {
		return nil
	}
	return rs[0]
}

// Addrs returns the addresses of every managed resource of a type.
func (c *Ctx) Addrs(typ string) []spec.Address {
	var out []spec.Address
	for _, r := range c.Stack.OfType(typ) {
		out = append(out, r.Addr())
	}
	return out
}

// SubnetRefs returns id references for a list of subnets, as a list value.
func SubnetRefs(subnets []spec.Address) spec.Value {
	vs := make([]spec.Value, len(subnets))
	for i, s := range subnets {
		vs[i] = spec.RefTo(s, "id")
	}
	return spec.List(vs...)
}

// Refs returns attr references for a list of addresses, as a list value.
func Refs(addrs []spec.Address, attr string) spec.Value {
	vs := make([]spec.Value, len(addrs))
	for i, a := range addrs {
		vs[i] = spec.RefTo(a, attr)
	}
	return spec.List(vs...)
}

// TagsValue renders a tag map as a value, or false if empty.
func TagsValue(tags map[string]string) (spec.Value, bool) {
	if len(tags) == 0 {
		return spec.Value{}, false
	}
	return spec.StringMap(tags), true
}

// SetTag adds one tag to a resource's tags attribute, keeping the others.
func SetTag(r *spec.Resource, key, value string) {
	tags := map[string]string{}
	if v, ok := r.Body.Get("tags"); ok && v.Kind == spec.KindMap {
		for _, e := range v.Map {
			tags[e.Key] = e.Value.Str
		}
	}
	tags[key] = value
	r.Body.Set("tags", spec.StringMap(tags))
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
