package providerschema

import (
	"bytes"
	"compress/flate"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"sort"
	"strings"

	ctyjson "github.com/zclconf/go-cty/cty/json"
)

// The blob is what the generator writes and the package embeds:
//
//	magic
//	source, version, dictionary        (each a uvarint length and bytes)
//	resource, data source and provider-configuration counts (uvarints)
//	per type: name, chunk length       (resources sorted, data sources sorted,
//	                                    then the provider block's own schema)
//	the chunks, in the same order
//
// A chunk is one type's schema as lines of tab-separated fields, compressed
// on its own with DEFLATE and the shared preset dictionary, so that looking
// up one type inflates only that type:
//
//	a NAME FLAGS TYPE          attribute; TYPE is cty's JSON type notation
//	b NAME NESTING MIN MAX     nested block, its lines follow up to "e"
//	r NAME NESTING MIN MAX ID  nested block whose body repeats the ID-th "b"
//	e                          end of the innermost open "b"
//
// "r" keeps the deeply repeated bodies of types like aws_wafv2_web_acl small.
const magic = "syncloud-provider-schema/2\n"

// Attribute flag bits of an "a" line.
const (
	flagRequired = 1 << iota
	flagOptional
	flagComputed
	flagSensitive
	flagDeprecated
	flagWriteOnly
)

const maxDictLen = 32 << 10

// providerEntry names the one entry of the provider-configuration section.
const providerEntry = "provider"

// Encode writes the compact, embeddable form of a provider's schema: the
// provider block's own schema (config) and every resource and data source.
func Encode(source, version string, config *Block, resources, dataSources map[string]*Block) ([]byte, error) {
	sections := []map[string]*Block{resources, dataSources, {providerEntry: config}}
	var texts [][]byte
	for _, m := range sections {
		for _, name := range sortedKeys(m) {
			t, err := chunkText(m[name])
			if err != nil {
				return nil, fmt.Errorf("encode %s: %w", name, err)
			}
			texts = append(texts, t)
		}
	}
	dict := buildDict(texts)
	var out bytes.Buffer
	out.WriteString(magic)
	for _, s := range []string{source, version, string(dict)} {
		putBytes(&out, []byte(s))
	}
	for _, m := range sections {
		putUvarint(&out, uint64(len(m)))
	}
	var chunks bytes.Buffer
	i := 0
	for _, m := range sections {
		for _, name := range sortedKeys(m) {
			n, err := deflate(&chunks, texts[i], dict)
			if err != nil {
				return nil, fmt.Errorf("compress %s: %w", name, err)
			}
			putBytes(&out, []byte(name))
			putUvarint(&out, uint64(n))
			i++
		}
	}
	out.Write(chunks.Bytes())
	return out.Bytes(), nil
}

func deflate(w *bytes.Buffer, text, dict []byte) (int, error) {
	before := w.Len()
	fw, err := flate.NewWriterDict(w, flate.BestCompression, dict)
	if err != nil {
		return 0, err
	}
	if _, err := fw.Write(text); err != nil {
		return 0, err
	}
	if err := fw.Close(); err != nil {
		return 0, err
	}
	return w.Len() - before, nil
}

func putUvarint(w *bytes.Buffer, n uint64) { w.Write(binary.AppendUvarint(nil, n)) }

func putBytes(w *bytes.Buffer, b []byte) {
	putUvarint(w, uint64(len(b)))
	w.Write(b)
}

// chunkEncoder writes one type's lines, numbering "b" lines and replacing a
// body seen before by an "r" line.
type chunkEncoder struct {
	buf    bytes.Buffer
	seen   map[[32]byte]int
	hashes map[*Block][32]byte
	next   int
}

func chunkText(b *Block) ([]byte, error) {
	e := &chunkEncoder{seen: map[[32]byte]int{}, hashes: map[*Block][32]byte{}}
	if err := e.body(b); err != nil {
		return nil, err
	}
	return e.buf.Bytes(), nil
}

func (e *chunkEncoder) body(b *Block) error {
	for _, name := range b.AttributeNames() {
		a := b.Attributes[name]
		ty, err := ctyjson.MarshalType(a.Type)
		if err != nil {
			return fmt.Errorf("attribute %s: %w", name, err)
		}
		fmt.Fprintf(&e.buf, "a\t%s\t%d\t%s\n", name, attrFlags(a), ty)
	}
	for _, name := range b.BlockTypeNames() {
		nb := b.BlockTypes[name]
		head := fmt.Sprintf("%s\t%s\t%d\t%d", name, nb.Nesting, nb.MinItems, nb.MaxItems)
		h := e.hash(nb.Block)
		if id, ok := e.seen[h]; ok {
			fmt.Fprintf(&e.buf, "r\t%s\t%d\n", head, id)
			continue
		}
		id := e.next
		e.next++
		fmt.Fprintf(&e.buf, "b\t%s\n", head)
		if err := e.body(nb.Block); err != nil {
			return fmt.Errorf("block %s: %w", name, err)
		}
		e.buf.WriteString("e\n")
		e.seen[h] = id
	}
	return nil
}

// hash identifies a body by its content, so equal bodies share one "b".
func (e *chunkEncoder) hash(b *Block) [32]byte {
	if h, ok := e.hashes[b]; ok {
		return h
	}
	var sb strings.Builder
	for _, name := range b.AttributeNames() {
		a := b.Attributes[name]
		ty, _ := ctyjson.MarshalType(a.Type) // errors surface when the body is written
		fmt.Fprintf(&sb, "a %s %d %s\n", name, attrFlags(a), ty)
	}
	for _, name := range b.BlockTypeNames() {
		nb := b.BlockTypes[name]
		h := e.hash(nb.Block)
		fmt.Fprintf(&sb, "b %s %s %d %d %x\n", name, nb.Nesting, nb.MinItems, nb.MaxItems, h)
	}
	h := sha256.Sum256([]byte(sb.String()))
	e.hashes[b] = h
	return h
}

func attrFlags(a *Attribute) int {
	f := 0
	for _, x := range []struct {
		set bool
		bit int
	}{{a.Required, flagRequired}, {a.Optional, flagOptional}, {a.Computed, flagComputed},
		{a.Sensitive, flagSensitive}, {a.Deprecated, flagDeprecated}, {a.WriteOnly, flagWriteOnly}} {
		if x.set {
			f |= x.bit
		}
	}
	return f
}

// buildDict picks the lines that recur across types, most useful last
// (DEFLATE reaches the end of a dictionary most cheaply), up to 32 KiB.
func buildDict(texts [][]byte) []byte {
	df := lineFrequencies(texts)
	type cand struct {
		line  string
		score int
	}
	var cs []cand
	for l, n := range df {
		if n > 1 && len(l) > 3 {
			cs = append(cs, cand{l, n * len(l)})
		}
	}
	sort.Slice(cs, func(i, j int) bool {
		if cs[i].score != cs[j].score {
			return cs[i].score > cs[j].score
		}
		return cs[i].line < cs[j].line
	})
	var picked []string
	size := 0
	for _, c := range cs {
		if size+len(c.line) > maxDictLen {
			break
		}
		picked = append(picked, c.line)
		size += len(c.line)
	}
	var b strings.Builder
	for i := len(picked) - 1; i >= 0; i-- {
		b.WriteString(picked[i])
	}
	return []byte(b.String())
}

// lineFrequencies counts, for each distinct line, the texts it appears in.
func lineFrequencies(texts [][]byte) map[string]int {
	df := map[string]int{}
	for _, t := range texts {
		lines := map[string]bool{}
		for _, l := range strings.SplitAfter(string(t), "\n") {
			lines[l] = true
		}
		for l := range lines {
			df[l]++
		}
	}
	return df
}
