package rules

import (
	"strings"
)

// Reading DynamoDB keys and attributes: "partition key customerId
// (string)", "keyed on a string userId", "sort key orderDate (number)",
// "pk cartId string".

// ddbAttr is a key attribute and its DynamoDB type ("S", "N", "B").
type ddbAttr struct {
	name, typ string
}

// ddbKeyWords are the words that keys are spelled with; never names.
var ddbKeyWords = []string{"key", "keys", "partition", "hash", "sort", "range", "pk", "sk", "primary", "keyed",
	"string", "number", "numeric", "binary", "integer", "int", "attribute", "attributes", "field", "type",
	"on-demand", "provisioned", "table", "tables", "dynamodb", "index", "gsi", "column", "is", "by"}

// ddbTypeAt reads a type word at token k.
func (t *Text) ddbTypeAt(k int) (string, bool) {
	switch {
	case t.Is(k, "string", "str", "text", "uuid") || t.Raw(k) == "S":
		return "S", true
	case t.Is(k, "number", "numeric", "integer", "int", "timestamp", "epoch") || t.Raw(k) == "N":
		return "N", true
	case t.Is(k, "binary", "bytes") || t.Raw(k) == "B":
		return "B", true
	}
	return "", false
}

// keyAfter reads the attribute named after a key phrase ending at token
// i, with its type written before or after it.
func (t *Text) keyAfter(i int) (ddbAttr, int, bool) {
	for k := i + 1; k < t.Len() && k <= i+5; k++ {
		if t.Is(k, "pk", "sk", "key", "id") && k == i+1 && t.Is(i, "key", "keyed", "on", "by") &&
			(t.Toks[k].Break || t.Is(k+1, "and", "with", "of", "plus") || k+1 == t.Len()) {
			return ddbAttr{name: t.Raw(k), typ: t.typeAround(i, k)}, k, true // "partition key pk and sort key sk"
		}
		if _, ok := t.ddbTypeAt(k); ok || t.Is(k, dataFillers...) || t.Is(k, ddbKeyWords...) || t.Is(k, "called", "named", "=", "-", "–") {
			continue
		}
		if !t.isAttrName(k) {
			return ddbAttr{}, -1, false
		}
		return ddbAttr{name: t.Raw(k), typ: t.typeAround(i, k)}, k, true
	}
	return ddbAttr{}, -1, false
}

// isAttrName reports whether token k can be an attribute name.
func (t *Text) isAttrName(k int) bool {
	raw := t.Raw(k)
	if raw == "" || strings.ContainsAny(raw, "=:/@") {
		return false
	}
	for _, r := range raw {
		if !(isLetterRune(r) || r >= '0' && r <= '9' || r == '_' || r == '-' || r == '.' || r == '#') {
			return false
		}
	}
	return isLetterRune(rune(raw[0])) || raw[0] == '_'
}

// typeAround finds the type of the attribute at k: between the key phrase
// and the name ("a string userId") or just after it ("(number)").
func (t *Text) typeAround(from, k int) string {
	for j := from + 1; j < k; j++ {
		if typ, ok := t.ddbTypeAt(j); ok {
			return typ
		}
	}
	for j := k + 1; j <= k+3 && j < t.Len(); j++ {
		if typ, ok := t.ddbTypeAt(j); ok {
			return typ
		}
		if t.Toks[j].Break || t.Is(j, "sort", "range", "partition", "hash", "and", "with") {
			break
		}
	}
	return "S"
}

// ddbKey finds the key introduced by any of phrases ("partition key",
// "hash key") within [from, to).
func (t *Text) ddbKey(from, to int, phrases ...string) (ddbAttr, int, bool) {
	for _, p := range phrases {
		k := t.Phrase(from, p)
		if k < 0 || k >= to {
			continue
		}
		n := len(strings.Fields(p))
		if a, at, ok := t.keyAfter(k + n - 1); ok {
			if typ, ok := t.ddbTypeAt(k - 1); ok && len(t.Raw(k-1)) > 1 && !t.Toks[k-1].Break { // "a numeric partition key"
				a.typ = typ
			}
			return a, at, true
		}
	}
	return ddbAttr{}, -1, false
}

// attributeBefore reads "based on the expiresAt attribute" or "ttl on
// expiresAt": the attribute named near token i.
func (t *Text) attributeBefore(i int) (string, int, bool) {
	for k := i; k < t.Len() && k <= i+10; k++ {
		if t.Is(k, "attribute", "field", "column") && t.isAttrName(k-1) && !t.Is(k-1, dataFillers...) &&
			!t.Is(k-1, "ttl", "expiry", "expiration", "live", "timestamp", "date", "time") {
			return t.Raw(k - 1), k - 1, true
		}
		if t.Is(k, "attribute", "field", "column") && t.isAttrName(k+1) && !t.Is(k+1, dataFillers...) {
			return t.Raw(k + 1), k + 1, true
		}
		if t.Is(k, "attribute", "field", "column") && t.Is(k-2, "the", "its", "an", "a") &&
			t.Is(k-1, "ttl", "expiry", "expiration", "timestamp") {
			return t.Raw(k - 1), k - 1, true // "using the expiry attribute": the word is its name
		}
	}
	for k := i + 1; k < t.Len() && k <= i+4; k++ {
		if raw := t.Raw(k); t.isAttrName(k) && raw != strings.ToLower(raw) && !t.Is(k, dataFillers...) {
			return raw, k, true // camelCase names: "ttl on expiresAt"
		}
	}
	j := i + 1
	if t.Is(j, "items", "records", "rows") {
		j++ // "expire items using valid_until"
	}
	if k := j + 1; t.Is(j, "on", "using", "via") && t.isAttrName(k) && !t.Is(k, dataFillers...) &&
		!t.Is(k, "table", "tables", "items", "item", "records", "rows", "data") {
		return t.Raw(k), k, true // lower-case names: "a TTL on ttl"
	}
	return "", -1, false
}
