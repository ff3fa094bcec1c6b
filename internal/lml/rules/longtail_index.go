package rules

import (
	"strings"
	"sync"

	"github.com/syncloud/syncloud/internal/providerschema"
)

// ltType is one resource type of the provider schema as the long tail
// matches it: the words of its name, and the part beyond its parent type
// (aws_s3_bucket_metric: parent aws_s3_bucket, own words "metric").
type ltType struct {
	name   string
	words  []string // canonical words of the name after "aws_"
	parent string   // the longest proper prefix that is itself a type, or ""
	own    []string // words after the parent's
}

// service is the first word of the type's name: its AWS service.
func (t *ltType) service() string { return t.words[0] }

// ltIndex is every resource type by the canonical words of its own part.
type ltIndex struct {
	types  []ltType
	byName map[string]int
	byWord map[string][]int // canonical word -> types whose own words hold it
	words  map[byte][]string
}

// longTailIndex is built once, on first use.
var longTailIndex = sync.OnceValue(buildLongTailIndex)

func buildLongTailIndex() *ltIndex {
	all := providerschema.Types()
	idx := &ltIndex{byName: make(map[string]int, len(all)), byWord: map[string][]int{}, words: map[byte][]string{}}
	for _, typ := range all {
		idx.byName[typ] = len(idx.types)
		idx.types = append(idx.types, ltType{name: typ})
	}
	seen := map[string]bool{}
	for i := range idx.types {
		t := &idx.types[i]
		raw := strings.Split(strings.TrimPrefix(t.name, "aws_"), "_")
		for _, w := range raw {
			t.words = append(t.words, canonicalWord(w))
		}
		t.parent, t.own = idx.parentOf(t.name, t.words)
		if aliasTypes[strings.SplitN(t.name, "_", 3)[1]] {
			continue // the same types under their current names (aws_lb_*) are matched instead
		}
		for _, w := range t.own {
			idx.byWord[w] = append(idx.byWord[w], i)
			if !seen[w] && len(w) >= 5 {
				seen[w] = true
				idx.words[w[0]] = append(idx.words[w[0]], w)
			}
		}
	}
	return idx
}

// parentOf finds the longest proper prefix of typ that is a type.
func (idx *ltIndex) parentOf(typ string, words []string) (string, []string) {
	for cut := strings.LastIndexByte(typ, '_'); cut > len("aws"); cut = strings.LastIndexByte(typ[:cut], '_') {
		if _, ok := idx.byName[typ[:cut]]; ok {
			n := strings.Count(typ[:cut], "_")
			return typ[:cut], words[n:]
		}
	}
	return "", words
}

// aliasTypes are services whose types are old aliases of others.
var aliasTypes = map[string]bool{"alb": true}

// wordForms maps words users and type names write to one canonical form.
var wordForms = map[string]string{
	"app": "application", "apps": "application", "database": "db", "databases": "db",
	"repo": "repository", "repos": "repository", "config": "configuration", "configurations": "configuration",
	"cert": "certificate", "certs": "certificate", "env": "environment", "func": "function",
	"fn": "function", "ipv4": "ip", "ips": "ip", "acls": "acl", "vm": "instance", "logging": "log",
	"logs": "log", "streaming": "stream",
}

// canonicalWord returns the canonical form of one word: its synonym's, and
// singular ("controls", "metrics" and "policies" match "control", "metric"
// and "policy").
func canonicalWord(w string) string {
	if f, ok := wordForms[w]; ok {
		return f
	}
	switch {
	case len(w) < 4 || !isWord(w) || strings.HasSuffix(w, "ss") || strings.HasSuffix(w, "us") || strings.HasSuffix(w, "is"):
		return w
	case strings.HasSuffix(w, "ies"):
		return w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "s"):
		return w[:len(w)-1]
	}
	return w
}

// weakWords never anchor a long-tail type on their own: they appear in many
// type names and in most requests.
var weakWords = map[string]bool{
	"aws": true, "resource": true, "configuration": true, "setting": true, "default": true,
	"example": true, "basic": true, "new": true, "main": true, "version": true, "policy": true,
	"group": true, "rule": true, "association": true, "attachment": true, "instance": true,
	"account": true, "service": true, "a": true, "data": true, "set": true, "name": true,
	"custom": true, "region": true, "user": true, "key": true, "access": true, "public": true, "private": true,
}

// optionalWords may be missing from a request that names a type: "a Lambda
// layer" is an aws_lambda_layer_version.
var optionalWords = map[string]bool{
	"configuration": true, "version": true, "setting": true, "resource": true, "request": true,
}

// typeWord returns the canonical type word a token stands for: the word
// itself, its singular, or for long words the type word one typo away.
func (idx *ltIndex) typeWord(norm string) string {
	norm = canonicalWord(norm)
	if _, ok := idx.byWord[norm]; ok {
		return norm
	}
	for _, s := range []string{strings.TrimSuffix(norm, "s"), strings.TrimSuffix(norm, "es"), strings.TrimSuffix(norm, "ies") + "y"} {
		if _, ok := idx.byWord[canonicalWord(s)]; ok && s != norm {
			return canonicalWord(s)
		}
	}
	if len(norm) < 5 || !isWord(norm) {
		return norm
	}
	for _, w := range idx.words[norm[0]] {
		if Like(norm, w) {
			return w
		}
	}
	return norm
}
