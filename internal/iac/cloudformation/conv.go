package cloudformation

import (
	"fmt"
	"sort"
	"strings"

	"github.com/syncloud/syncloud/internal/spec"
)

// conv converts one body (a resource instance or a nested block) into
// CloudFormation properties, tracking which arguments it consumed so that
// anything left over is reported instead of dropped.
type conv struct {
	r     *renderer
	res   *spec.Resource
	index int    // instance number, or spec.NoIndex
	id    string // logical ID of the resource instance
	path  string // for errors: "aws_instance.web" or "aws_instance.web.root_block_device"
	body  *spec.Body
	used  map[string]bool
	props map[string]any
	root  *conv // the resource's top-level conv, which holds the fields below
	// Only on the root conv:
	deps           []string
	extra          []extraResource
	deletionPolicy string
	cfnType        string // overrides the kind's type (security group rules)
	skip           bool   // the resource has nothing to add to the template
	errs           *[]string
}

// extraResource is a resource a conversion adds beside the main one (a VPC
// gateway attachment, a route from an inline block, a launch template).
type extraResource struct {
	id  string
	res *resource
}

func newConv(r *renderer, res *spec.Resource, idx int, id string) *conv {
	c := &conv{r: r, res: res, index: idx, id: id, path: res.Addr().String(), body: &res.Body,
		used: map[string]bool{}, props: map[string]any{}, errs: &[]string{}}
	c.root = c
	return c
}

// failf records an error; conversion goes on so that all errors are seen.
func (c *conv) failf(format string, args ...any) {
	*c.errs = append(*c.errs, c.path+": "+fmt.Sprintf(format, args...))
}

// finish reports arguments and blocks nobody consumed, and any error.
func (c *conv) finish() error {
	c.leftovers()
	if len(*c.errs) > 0 {
		return fmt.Errorf("%s", strings.Join(*c.errs, "; "))
	}
	return nil
}

func (c *conv) leftovers() {
	for _, a := range c.body.Attrs {
		if !c.used[a.Name] {
			c.failf("argument %q has no CloudFormation mapping", a.Name)
		}
	}
	for _, b := range c.body.Blocks {
		if !c.used["block:"+b.Type] {
			c.failf("block %q has no CloudFormation mapping", b.Type)
			c.used["block:"+b.Type] = true // report each type once
		}
	}
}

// get consumes an argument.
func (c *conv) get(arg string) (spec.Value, bool) {
	c.used[arg] = true
	v, ok := c.body.Get(arg)
	if ok && v.Kind == spec.KindNull {
		return v, false
	}
	return v, ok
}

// drop consumes Terraform-only arguments that have no CloudFormation meaning.
func (c *conv) drop(args ...string) {
	for _, a := range args {
		c.used[a] = true
	}
}

// prop copies an argument to a property, converting its value.
func (c *conv) prop(arg, name string) {
	if v, ok := c.get(arg); ok {
		c.props[name] = c.value(v)
	}
}

// props copies arguments to properties in pairs: arg, Name, arg, Name...
func (c *conv) propPairs(pairs ...string) {
	for i := 0; i+1 < len(pairs); i += 2 {
		c.prop(pairs[i], pairs[i+1])
	}
}

// propWith copies an argument through a converter.
func (c *conv) propWith(arg, name string, f func(c *conv, v spec.Value) any) {
	if v, ok := c.get(arg); ok {
		c.props[name] = f(c, v)
	}
}

// blocks consumes the nested blocks of a type.
func (c *conv) blocks(typ string) []*spec.Body {
	c.used["block:"+typ] = true
	return c.body.BlocksOf(typ)
}

// nested converts a nested block body with f and returns its properties.
func (c *conv) nested(typ string, b *spec.Body, f func(n *conv)) map[string]any {
	n := c.sub(c.path+"."+typ, b)
	f(n)
	n.leftovers()
	return n.props
}

// sub starts a conv over another body that reports into this one.
func (c *conv) sub(path string, b *spec.Body) *conv {
	return &conv{r: c.r, res: c.res, index: c.index, id: c.id, path: path, body: b,
		used: map[string]bool{}, props: map[string]any{}, errs: c.errs, root: c.root}
}

// nestedProp converts the single block of typ, if present, into property name.
func (c *conv) nestedProp(typ, name string, f func(n *conv)) {
	bs := c.blocks(typ)
	if len(bs) > 1 {
		c.failf("more than one %s block", typ)
	}
	if len(bs) > 0 {
		c.props[name] = c.nested(typ, bs[0], f)
	}
}

// nestedList converts every block of typ into a list property.
func (c *conv) nestedList(typ, name string, f func(n *conv)) {
	var out []any
	for _, b := range c.blocks(typ) {
		out = append(out, c.nested(typ, b, f))
	}
	if len(out) > 0 {
		c.props[name] = out
	}
}

// tags writes the resource's tags merged over the stack's default tags as
// CloudFormation's [{Key, Value}] list, sorted by key.
func (c *conv) tags() { c.tagsAs("Tags") }

func (c *conv) tagsAs(name string) {
	merged := map[string]any{}
	for k, v := range c.r.stack.Tags {
		merged[k] = v
	}
	if v, ok := c.get("tags"); ok {
		if v.Kind != spec.KindMap {
			c.failf("tags must be a map")
			return
		}
		for _, e := range v.Map {
			merged[e.Key] = c.value(e.Value)
		}
	}
	c.drop("tags_all")
	if len(merged) == 0 {
		return
	}
	keys := make([]string, 0, len(merged))
	for k := range merged {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	list := make([]any, len(keys))
	for i, k := range keys {
		list[i] = map[string]any{"Key": k, "Value": merged[k]}
	}
	c.props[name] = list
}

// tagsMap writes tags as the plain JSON map some resource types take
// (API Gateway v2, EKS node groups).
func (c *conv) tagsMap(name string) {
	c.tagsAs(name)
	list, ok := c.props[name].([]any)
	if !ok {
		return
	}
	m := make(map[string]any, len(list))
	for _, t := range list {
		kv := t.(map[string]any)
		key, _ := kv["Key"].(string)
		c.checkKey(key)
		m[key] = kv["Value"]
	}
	c.props[name] = m
}

// add appends an extra resource beside the main one.
func (c *conv) add(id string, res *resource) {
	c.root.extra = append(c.root.extra, extraResource{id: id, res: res})
}

// dependOn makes the main resource wait for other logical IDs.
func (c *conv) dependOn(ids ...string) { c.root.deps = append(c.root.deps, ids...) }
