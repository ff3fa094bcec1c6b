package web

import (
	"container/list"
	"context"
	"crypto/sha256"
	"sync"
)

// CachedGenerator remembers the answers of another Generator for repeated
// requests. The LML pipeline is deterministic (the same request gives the
// same result, byte for byte once rendered), so a cached answer is the
// answer; failures are not cached. Cached values are shared and must not be
// modified by callers.
type CachedGenerator struct {
	next  Generator
	size  int
	mu    sync.Mutex
	order *list.List // front = most recently used; values are *cacheEntry
	byKey map[[sha256.Size]byte]*list.Element
}

type cacheEntry struct {
	key [sha256.Size]byte
	val *Generated
}

// NewCachedGenerator caches up to size answers of next, least recently used
// out first.
func NewCachedGenerator(next Generator, size int) *CachedGenerator {
	return &CachedGenerator{next: next, size: size, order: list.New(), byKey: map[[sha256.Size]byte]*list.Element{}}
}

// Generate answers from the cache or from the next generator.
func (c *CachedGenerator) Generate(ctx context.Context, req GenerateRequest) (*Generated, error) {
	key := cacheKey(req)
	if v, ok := c.get(key); ok {
		return v, nil
	}
	v, err := c.next.Generate(ctx, req)
	if err != nil {
		return nil, err
	}
	c.put(key, v)
	return v, nil
}

// cacheKey is the SHA-256 of everything that decides the answer.
func cacheKey(req GenerateRequest) [sha256.Size]byte {
	h := sha256.New()
	for _, s := range []string{req.Format, req.Region, req.Prompt} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	var k [sha256.Size]byte
	h.Sum(k[:0])
	return k
}

func (c *CachedGenerator) get(key [sha256.Size]byte) (*Generated, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.byKey[key]
	if !ok {
		return nil, false
	}
	c.order.MoveToFront(el)
	return el.Value.(*cacheEntry).val, true
}

func (c *CachedGenerator) put(key [sha256.Size]byte, v *Generated) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.byKey[key]; ok {
		c.order.MoveToFront(el)
		return
	}
	c.byKey[key] = c.order.PushFront(&cacheEntry{key: key, val: v})
	for c.order.Len() > c.size {
		last := c.order.Back()
		c.order.Remove(last)
		delete(c.byKey, last.Value.(*cacheEntry).key)
	}
}
