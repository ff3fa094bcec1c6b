package providerschema

import (
	"strconv"

	"github.com/agext/levenshtein"
	"github.com/zclconf/go-cty/cty"

	"github.com/syncloud/syncloud/internal/spec"
)

// Check holds a stack against the AWS provider schema. See Provider.Check.
func Check(s *spec.Stack) spec.Diagnostics { return AWS().Check(s) }

// Check holds every resource and data source of a stack against the schema:
// the type exists; every attribute exists and may be set (not computed-only);
// every nested block exists and appears within its min/max items; required
// attributes are present; literal values fit the attribute's type, allowing
// the conversions Terraform makes ("8080" for a number, "true" for a bool).
// References are accepted anywhere. An attribute whose type is a list or set
// of objects may be written as repeated nested blocks, as Terraform allows.
// Diagnostic paths look like "aws_instance.web.root_block_device.volume_size".
func (p *Provider) Check(s *spec.Stack) spec.Diagnostics {
	var ds spec.Diagnostics
	for i := range s.Resources {
		r := &s.Resources[i]
		path := r.Addr().String()
		lookup, all, kind := p.Resource, p.Types, "resource"
		if r.Mode == spec.Data {
			lookup, all, kind = p.DataSource, p.DataSourceTypes, "data source"
		}
		blk, ok := lookup(r.Type)
		if !ok {
			ds.Errorf(path, "the AWS provider has no %s type %q%s", kind, r.Type, suggest(r.Type, all()))
			continue
		}
		checkBody(&ds, path, &r.Body, blk)
	}
	return ds
}

// CheckBody holds one body against a block schema, as Check does for each
// resource; renderers use it for the provider block (Provider.Config).
func CheckBody(path string, body *spec.Body, blk *Block) spec.Diagnostics {
	var ds spec.Diagnostics
	checkBody(&ds, path, body, blk)
	return ds
}

func checkBody(ds *spec.Diagnostics, path string, body *spec.Body, blk *Block) {
	for _, a := range body.Attrs {
		p := path + "." + a.Name
		sa, ok := blk.Attributes[a.Name]
		switch {
		case !ok && blk.BlockTypes[a.Name] != nil:
			ds.Errorf(p, "%q is a nested block, not an attribute", a.Name)
		case !ok:
			ds.Errorf(p, "unsupported attribute %q%s", a.Name, suggest(a.Name, blockNames(blk)))
		case !sa.Settable():
			ds.Errorf(p, "%q is computed by the provider and cannot be set", a.Name)
		default:
			checkValue(ds, p, a.Value, sa.Type)
		}
	}
	counts := map[string]int{}
	for i := range body.Blocks {
		b := &body.Blocks[i]
		counts[b.Type]++
		checkNested(ds, path+"."+b.Type, body, b, blk)
	}
	for _, name := range blk.BlockTypeNames() {
		checkItems(ds, path+"."+name, counts[name], blk.BlockTypes[name])
	}
	for _, name := range blk.AttributeNames() {
		if blk.Attributes[name].Required && !body.Has(name) && counts[name] == 0 {
			ds.Errorf(path+"."+name, "required attribute %q is missing", name)
		}
	}
}

// checkNested checks one nested block b of body, which blk describes.
func checkNested(ds *spec.Diagnostics, path string, body *spec.Body, b *spec.Block, blk *Block) {
	if nb, ok := blk.BlockTypes[b.Type]; ok {
		checkBody(ds, path, &b.Body, nb.Block)
		return
	}
	sa, ok := blk.Attributes[b.Type]
	if !ok {
		ds.Errorf(path, "unsupported block type %q%s", b.Type, suggest(b.Type, blockNames(blk)))
		return
	}
	obj, ok := sa.ObjectElem()
	switch {
	case !ok:
		ds.Errorf(path, "%q is an attribute of type %s, not a block", b.Type, sa.Type.FriendlyName())
	case !sa.Settable():
		ds.Errorf(path, "%q is computed by the provider and cannot be set", b.Type)
	case body.Has(b.Type):
		ds.Errorf(path, "%q is set both as an attribute and as blocks", b.Type)
	default:
		checkObjectBody(ds, path, &b.Body, obj)
	}
}

// checkObjectBody checks a block written for an attribute of object type.
// Attributes left out are null, as Terraform's attributes-as-blocks mode has
// them.
func checkObjectBody(ds *spec.Diagnostics, path string, body *spec.Body, obj cty.Type) {
	ats := obj.AttributeTypes()
	for _, a := range body.Attrs {
		ty, ok := ats[a.Name]
		if !ok {
			ds.Errorf(path+"."+a.Name, "unsupported attribute %q%s", a.Name, suggest(a.Name, sortedKeys(ats)))
			continue
		}
		checkValue(ds, path+"."+a.Name, a.Value, ty)
	}
	for i := range body.Blocks {
		b := &body.Blocks[i]
		inner, ok := (&Attribute{Type: ats[b.Type]}).ObjectElem()
		if _, known := ats[b.Type]; !known || !ok {
			ds.Errorf(path+"."+b.Type, "unsupported block type %q", b.Type)
			continue
		}
		checkObjectBody(ds, path+"."+b.Type, &b.Body, inner)
	}
}

func checkItems(ds *spec.Diagnostics, path string, n int, nb *NestedBlock) {
	maxItems := nb.MaxItems
	if nb.Nesting == NestingSingle || nb.Nesting == NestingGroup {
		maxItems = 1
	}
	switch {
	case n < nb.MinItems:
		ds.Errorf(path, "at least %d block(s) required, %d given", nb.MinItems, n)
	case maxItems > 0 && n > maxItems:
		ds.Errorf(path, "at most %d block(s) allowed, %d given", maxItems, n)
	}
}

func blockNames(b *Block) []string {
	return append(b.AttributeNames(), b.BlockTypeNames()...)
}

// suggest returns ` (did you mean "x"?)` for the closest candidate, if any
// is close enough to be a likely typo.
func suggest(name string, candidates []string) string {
	best, bestDist := "", 4
	for _, c := range candidates {
		if d := levenshtein.Distance(name, c, nil); d < bestDist {
			best, bestDist = c, d
		}
	}
	if best == "" {
		return ""
	}
	return " (did you mean " + strconv.Quote(best) + "?)"
}
