package spec

import "strings"

// Mode distinguishes managed resources from data sources.
type Mode uint8

// The modes of a Resource.
const (
	Managed Mode = iota // resource "aws_x" "name"
	Data                // data "aws_x" "name"
)

func (m Mode) String() string {
	if m == Data {
		return "data"
	}
	return "managed"
}

// Address names one resource or data source of a stack.
type Address struct {
	Mode Mode
	Type string // e.g. "aws_instance"
	Name string // local name, e.g. "web"
}

// String returns the address as Terraform writes it: "aws_instance.web" or
// "data.aws_ami.ubuntu".
func (a Address) String() string {
	if a.Mode == Data {
		return "data." + a.Type + "." + a.Name
	}
	return a.Type + "." + a.Name
}

// ParseAddress reads "type.name" or "data.type.name".
func ParseAddress(s string) (Address, bool) {
	parts := strings.Split(s, ".")
	switch {
	case len(parts) == 2:
		return Address{Mode: Managed, Type: parts[0], Name: parts[1]}, true
	case len(parts) == 3 && parts[0] == "data":
		return Address{Mode: Data, Type: parts[1], Name: parts[2]}, true
	}
	return Address{}, false
}

// Stack is a whole infrastructure request: where it lives and what it holds.
type Stack struct {
	Region string            `json:"region"`         // AWS region code, e.g. "us-east-1"
	Tags   map[string]string `json:"tags,omitempty"` // applied to every taggable resource (provider default_tags)
	// Aliases are extra provider configurations for other regions, for
	// resources that must live elsewhere (replicas, CloudFront certificates).
	Aliases   []Alias    `json:"aliases,omitempty"`
	Resources []Resource `json:"resources"`
}

// Alias is an additional AWS provider configuration, referenced by
// Resource.Provider.
type Alias struct {
	Name   string `json:"name"` // e.g. "us_west_2"
	Region string `json:"region"`
}

// Resource is one resource or data source block.
type Resource struct {
	Mode     Mode
	Type     string
	Name     string
	Count    int    // instances; 0 or 1 means a single, uncounted block
	Provider string // an Alias name, or "" for the default provider
	Body     Body
	// DependsOn lists addresses that must exist first beyond those the
	// body's references already imply.
	DependsOn []Address
}

// Addr returns the resource's address.
func (r *Resource) Addr() Address { return Address{Mode: r.Mode, Type: r.Type, Name: r.Name} }

// Counted reports whether the resource is rendered with a count.
func (r *Resource) Counted() bool { return r.Count > 1 }

// Body is the content of a resource or nested block: attributes and nested
// blocks, each in the order they were set.
type Body struct {
	Attrs  []Attr
	Blocks []Block
}

// Attr is one argument.
type Attr struct {
	Name  string
	Value Value
}

// Block is one nested block, such as root_block_device or ingress.
type Block struct {
	Type string
	Body Body
}

// Find returns the resource with the given address, or nil.
func (s *Stack) Find(a Address) *Resource {
	for i := range s.Resources {
		if s.Resources[i].Addr() == a {
			return &s.Resources[i]
		}
	}
	return nil
}

// OfType returns the managed resources of a type, in order.
func (s *Stack) OfType(typ string) []*Resource {
	var out []*Resource
	for i := range s.Resources {
		if r := &s.Resources[i]; r.Mode == Managed && r.Type == typ {
			out = append(out, r)
		}
	}
	return out
}

// Add appends a resource and returns a pointer to it, valid until the next
// Add or Remove.
func (s *Stack) Add(r Resource) *Resource {
	s.Resources = append(s.Resources, r)
	return &s.Resources[len(s.Resources)-1]
}

// Remove deletes the resource at a, reporting whether it was there.
func (s *Stack) Remove(a Address) bool {
	for i := range s.Resources {
		if s.Resources[i].Addr() == a {
			s.Resources = append(s.Resources[:i], s.Resources[i+1:]...)
			return true
		}
	}
	return false
}

// UniqueName returns base, or base_2, base_3... so that no resource of typ
// already has that name.
func (s *Stack) UniqueName(mode Mode, typ, base string) string {
	name := base
	for n := 2; s.Find(Address{Mode: mode, Type: typ, Name: name}) != nil; n++ {
		name = base + "_" + itoa(n)
	}
	return name
}

// Get returns the attribute's value and whether it is set.
func (b *Body) Get(name string) (Value, bool) {
	for _, a := range b.Attrs {
		if a.Name == name {
			return a.Value, true
		}
	}
	return Value{}, false
}

// Has reports whether the attribute is set.
func (b *Body) Has(name string) bool {
	_, ok := b.Get(name)
	return ok
}

// Set sets an attribute, replacing its value in place if already set.
func (b *Body) Set(name string, v Value) {
	for i := range b.Attrs {
		if b.Attrs[i].Name == name {
			b.Attrs[i].Value = v
			return
		}
	}
	b.Attrs = append(b.Attrs, Attr{Name: name, Value: v})
}

// SetDefault sets an attribute only if it is not set yet, and reports whether
// it did.
func (b *Body) SetDefault(name string, v Value) bool {
	if b.Has(name) {
		return false
	}
	b.Attrs = append(b.Attrs, Attr{Name: name, Value: v})
	return true
}

// Unset removes an attribute.
func (b *Body) Unset(name string) {
	for i := range b.Attrs {
		if b.Attrs[i].Name == name {
			b.Attrs = append(b.Attrs[:i], b.Attrs[i+1:]...)
			return
		}
	}
}

// Block returns the first nested block of a type, or nil.
func (b *Body) Block(typ string) *Body {
	for i := range b.Blocks {
		if b.Blocks[i].Type == typ {
			return &b.Blocks[i].Body
		}
	}
	return nil
}

// BlocksOf returns every nested block of a type.
func (b *Body) BlocksOf(typ string) []*Body {
	var out []*Body
	for i := range b.Blocks {
		if b.Blocks[i].Type == typ {
			out = append(out, &b.Blocks[i].Body)
		}
	}
	return out
}

// AddBlock appends a nested block and returns its body.
func (b *Body) AddBlock(typ string) *Body {
	b.Blocks = append(b.Blocks, Block{Type: typ})
	return &b.Blocks[len(b.Blocks)-1].Body
}

// EnsureBlock returns the first nested block of a type, adding it if absent.
func (b *Body) EnsureBlock(typ string) *Body {
	if blk := b.Block(typ); blk != nil {
		return blk
	}
	return b.AddBlock(typ)
}

// RemoveBlocks deletes every nested block of a type.
func (b *Body) RemoveBlocks(typ string) {
	kept := b.Blocks[:0]
	for _, blk := range b.Blocks {
		if blk.Type != typ {
			kept = append(kept, blk)
		}
	}
	b.Blocks = kept
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var buf [20]byte
	i := len(buf)
	for n > 0 {
		i--
		buf[i] = byte('0' + n%10)
		n /= 10
	}
	return string(buf[i:])
}
