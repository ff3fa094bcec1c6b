package rules

import "github.com/syncloud/syncloud/internal/providerschema"

// Each area's families live in its own file; these lists are filled there.

// taggable reports whether a resource type takes a tags argument, by the
// AWS provider's schema.
func taggable(typ string) bool {
	b, ok := providerschema.Resource(typ)
	if !ok {
		return false
	}
	a, ok := b.Attributes["tags"]
	return ok && a.Settable()
}
