package providerschema

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"strconv"

	"github.com/zclconf/go-cty/cty"
	ctyjson "github.com/zclconf/go-cty/cty/json"
)

var errCorrupt = errors.New("corrupt provider schema")

// reader walks the blob's header and index.
type reader struct {
	b   []byte
	err error
}

func (r *reader) uvarint() uint64 {
	if r.err != nil {
		return 0
	}
	n, size := binary.Uvarint(r.b)
	if size <= 0 {
		r.err = errCorrupt
		return 0
	}
	r.b = r.b[size:]
	return n
}

func (r *reader) bytes() []byte {
	n := r.uvarint()
	if r.err != nil || n > uint64(len(r.b)) {
		r.err = errCorrupt
		return nil
	}
	out := r.b[:n:n]
	r.b = r.b[n:]
	return out
}

// inflate decompresses one chunk.
func inflate(chunk, dict []byte) ([]byte, error) {
	fr := flate.NewReaderDict(bytes.NewReader(chunk), dict)
	defer fr.Close()
	return io.ReadAll(fr)
}

// chunkDecoder turns one chunk's lines back into a Block.
type chunkDecoder struct {
	bodies []*Block
	stack  []*Block
	types  map[string]cty.Type
}

func decodeChunk(text []byte) (*Block, error) {
	root := newBlock()
	d := &chunkDecoder{stack: []*Block{root}, types: map[string]cty.Type{
		`"string"`: cty.String, `"number"`: cty.Number, `"bool"`: cty.Bool,
	}}
	for len(text) > 0 {
		line := text
		if i := bytes.IndexByte(text, '\n'); i >= 0 {
			line, text = text[:i], text[i+1:]
		} else {
			text = nil
		}
		if err := d.line(line); err != nil {
			return nil, fmt.Errorf("%w: line %q: %w", errCorrupt, line, err)
		}
	}
	if len(d.stack) != 1 {
		return nil, fmt.Errorf("%w: unclosed block", errCorrupt)
	}
	return root, nil
}

func newBlock() *Block {
	return &Block{Attributes: map[string]*Attribute{}, BlockTypes: map[string]*NestedBlock{}}
}

func (d *chunkDecoder) line(line []byte) error {
	f := bytes.Split(line, []byte{'\t'})
	top := d.stack[len(d.stack)-1]
	switch {
	case string(f[0]) == "a" && len(f) == 4:
		a, err := d.attribute(f[2], f[3])
		if err != nil {
			return err
		}
		top.Attributes[string(f[1])] = a
	case string(f[0]) == "b" && len(f) == 5:
		nb, err := nested(f[2], f[3], f[4])
		if err != nil {
			return err
		}
		nb.Block = newBlock()
		top.BlockTypes[string(f[1])] = nb
		d.bodies = append(d.bodies, nb.Block)
		d.stack = append(d.stack, nb.Block)
	case string(f[0]) == "r" && len(f) == 6:
		nb, err := nested(f[2], f[3], f[4])
		if err != nil {
			return err
		}
		id, err := strconv.Atoi(string(f[5]))
		if err != nil || id < 0 || id >= len(d.bodies) {
			return errors.New("bad body reference")
		}
		nb.Block = d.bodies[id]
		top.BlockTypes[string(f[1])] = nb
	case string(f[0]) == "e" && len(f) == 1 && len(d.stack) > 1:
		d.stack = d.stack[:len(d.stack)-1]
	default:
		return errors.New("unknown line")
	}
	return nil
}

func (d *chunkDecoder) attribute(flags, typ []byte) (*Attribute, error) {
	fl, err := strconv.Atoi(string(flags))
	if err != nil {
		return nil, err
	}
	ty, ok := d.types[string(typ)]
	if !ok {
		if ty, err = ctyjson.UnmarshalType(typ); err != nil {
			return nil, err
		}
		d.types[string(typ)] = ty
	}
	return &Attribute{Type: ty,
		Required: fl&flagRequired != 0, Optional: fl&flagOptional != 0,
		Computed: fl&flagComputed != 0, Sensitive: fl&flagSensitive != 0,
		Deprecated: fl&flagDeprecated != 0, WriteOnly: fl&flagWriteOnly != 0,
	}, nil
}

func nested(mode, minItems, maxItems []byte) (*NestedBlock, error) {
	n, ok := ParseNesting(string(mode))
	if !ok {
		return nil, fmt.Errorf("nesting mode %q", mode)
	}
	lo, err1 := strconv.Atoi(string(minItems))
	hi, err2 := strconv.Atoi(string(maxItems))
	if err := errors.Join(err1, err2); err != nil {
		return nil, err
	}
	return &NestedBlock{Nesting: n, MinItems: lo, MaxItems: hi}, nil
}
