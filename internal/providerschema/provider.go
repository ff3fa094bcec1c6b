package providerschema

import (
	_ "embed"
	"fmt"
	"sort"
	"strings"
	"sync"
)

// Provider is one provider's schema, read from its compact form. Opening it
// reads only the index; each type's schema is decoded on first use and then
// kept. A Provider is safe for concurrent use.
type Provider struct {
	Source  string // e.g. "registry.terraform.io/hashicorp/aws"
	Version string // the provider version the schema was taken from
	dict    []byte
	res     []entry // sorted by name
	data    []entry // sorted by name
	config  []entry // the provider block itself, one entry
}

// entry is one type in the index, decoded at most once.
type entry struct {
	name  string
	chunk []byte
	once  sync.Once
	block *Block
	err   error
}

// Open reads the index of a compact schema written by Encode. It keeps
// references into blob, which must not change afterwards.
func Open(blob []byte) (*Provider, error) {
	if !strings.HasPrefix(string(blob), magic) {
		return nil, fmt.Errorf("open provider schema: %w: bad magic", errCorrupt)
	}
	r := &reader{b: blob[len(magic):]}
	p := &Provider{Source: string(r.bytes()), Version: string(r.bytes()), dict: r.bytes()}
	nres, ndata, nconf := r.uvarint(), r.uvarint(), r.uvarint()
	if r.err != nil || nres+ndata+nconf > uint64(len(r.b)) || nconf != 1 {
		return nil, fmt.Errorf("open provider schema: %w: bad header", errCorrupt)
	}
	p.res = make([]entry, nres)
	p.data = make([]entry, ndata)
	p.config = make([]entry, nconf)
	if err := p.readIndex(r); err != nil {
		return nil, fmt.Errorf("open provider schema: %w", err)
	}
	return p, nil
}

// readIndex reads every type's name and chunk length, then slices the
// chunks out of what follows.
func (p *Provider) readIndex(r *reader) error {
	lens := make([]uint64, 0, len(p.res)+len(p.data)+len(p.config))
	for _, es := range [][]entry{p.res, p.data, p.config} {
		for i := range es {
			es[i].name = string(r.bytes())
			lens = append(lens, r.uvarint())
		}
	}
	i := 0
	for _, es := range [][]entry{p.res, p.data, p.config} {
		for j := range es {
			if r.err != nil || lens[i] > uint64(len(r.b)) {
				return fmt.Errorf("%w: truncated", errCorrupt)
			}
			es[j].chunk, r.b = r.b[:lens[i]:lens[i]], r.b[lens[i]:]
			i++
		}
	}
	return r.err
}

// Resource returns the schema of a managed resource type.
func (p *Provider) Resource(typ string) (*Block, bool) { return p.lookup(p.res, typ) }

// DataSource returns the schema of a data source type.
func (p *Provider) DataSource(typ string) (*Block, bool) { return p.lookup(p.data, typ) }

// Config returns the schema of the provider block itself: region,
// assume_role, endpoints, default_tags and the rest.
func (p *Provider) Config() *Block {
	b, _ := p.lookup(p.config, providerEntry) // Open checked that the entry exists
	return b
}

// Types returns every managed resource type, sorted.
func (p *Provider) Types() []string { return names(p.res) }

// DataSourceTypes returns every data source type, sorted.
func (p *Provider) DataSourceTypes() []string { return names(p.data) }

// RequiredAttrs returns the required attributes of a managed resource type,
// sorted; nil if the type is unknown.
func (p *Provider) RequiredAttrs(typ string) []string {
	b, ok := p.Resource(typ)
	if !ok {
		return nil
	}
	var out []string
	for _, name := range b.AttributeNames() {
		if b.Attributes[name].Required {
			out = append(out, name)
		}
	}
	return out
}

func names(es []entry) []string {
	out := make([]string, len(es))
	for i := range es {
		out[i] = es[i].name
	}
	return out
}

func (p *Provider) lookup(es []entry, typ string) (*Block, bool) {
	i := sort.Search(len(es), func(i int) bool { return es[i].name >= typ })
	if i == len(es) || es[i].name != typ {
		return nil, false
	}
	e := &es[i]
	e.once.Do(func() { e.block, e.err = p.decode(e.chunk) })
	if e.err != nil {
		// Every embedded type is decoded by TestEveryTypeDecodes; a failure
		// here means the blob was damaged after it was built.
		panic(fmt.Sprintf("providerschema: schema of %s: %v", typ, e.err))
	}
	return e.block, true
}

func (p *Provider) decode(chunk []byte) (*Block, error) {
	text, err := inflate(chunk, p.dict)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", errCorrupt, err)
	}
	return decodeChunk(text)
}

// awsBlob is the AWS provider's schema, written by `go generate`.
//
//go:embed aws.schema
var awsBlob []byte

var openAWS = sync.OnceValue(func() *Provider {
	p, err := Open(awsBlob)
	if err != nil {
		panic("providerschema: embedded AWS schema: " + err.Error())
	}
	return p
})

// AWS returns the embedded schema of the AWS provider, reading its index on
// first use.
func AWS() *Provider { return openAWS() }

// Resource returns the schema of an AWS managed resource type.
func Resource(typ string) (*Block, bool) { return AWS().Resource(typ) }

// DataSource returns the schema of an AWS data source type.
func DataSource(typ string) (*Block, bool) { return AWS().DataSource(typ) }

// Types returns every AWS managed resource type, sorted, for searching the
// long tail by name.
func Types() []string { return AWS().Types() }

// RequiredAttrs returns the required attributes of an AWS managed resource
// type, sorted.
func RequiredAttrs(typ string) []string { return AWS().RequiredAttrs(typ) }
