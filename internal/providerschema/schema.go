package providerschema

import (
	"sort"

	"github.com/zclconf/go-cty/cty"
)

// Block is the schema of a resource, a data source or one nested block:
// which arguments it takes and which blocks may appear inside it. A Block
// returned by this package is shared and must not be modified.
type Block struct {
	Attributes map[string]*Attribute
	BlockTypes map[string]*NestedBlock
}

// Attribute is the schema of one argument of a block.
type Attribute struct {
	Type       cty.Type
	Required   bool
	Optional   bool
	Computed   bool // set by the provider; computed-only when neither Required nor Optional
	Sensitive  bool
	Deprecated bool
	WriteOnly  bool
}

// Settable reports whether a configuration may set the attribute: it is
// required or optional, not computed-only.
func (a *Attribute) Settable() bool { return a.Required || a.Optional }

// ObjectElem returns the object type of an attribute whose type is a list or
// set of objects (security group ingress, route table route), which
// Terraform lets a configuration write as repeated nested blocks.
func (a *Attribute) ObjectElem() (cty.Type, bool) {
	t := a.Type
	if !t.IsListType() && !t.IsSetType() {
		return cty.NilType, false
	}
	if et := t.ElementType(); et.IsObjectType() {
		return et, true
	}
	return cty.NilType, false
}

// Nesting is how a nested block may repeat.
type Nesting uint8

// The nesting modes Terraform knows.
const (
	NestingSingle Nesting = iota + 1
	NestingGroup
	NestingList
	NestingSet
	NestingMap
)

var nestingNames = [...]string{"", "single", "group", "list", "set", "map"}

func (n Nesting) String() string {
	if int(n) < len(nestingNames) && n > 0 {
		return nestingNames[n]
	}
	return "invalid"
}

// ParseNesting reads a nesting mode as Terraform spells it in
// `terraform providers schema -json`.
func ParseNesting(s string) (Nesting, bool) {
	for i, name := range nestingNames {
		if i > 0 && name == s {
			return Nesting(i), true
		}
	}
	return 0, false
}

// NestedBlock is the schema of a block type inside another block.
type NestedBlock struct {
	Nesting  Nesting
	MinItems int
	MaxItems int // 0 means no limit
	Block    *Block
}

// AttributeNames returns the block's attribute names, sorted.
func (b *Block) AttributeNames() []string { return sortedKeys(b.Attributes) }

// BlockTypeNames returns the block's nested block type names, sorted.
func (b *Block) BlockTypeNames() []string { return sortedKeys(b.BlockTypes) }

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
