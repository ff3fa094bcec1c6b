package rules

// Each area's families live in its own file; these lists are filled there.

func networkComputeFamilies() []family { return nil }

func dataFamilies() []family { return nil }

func appFamilies() []family { return nil }

func genericFamilies() []family { return nil }

// taggable reports whether a resource type takes a tags argument.
func taggable(typ string) bool { return false }
