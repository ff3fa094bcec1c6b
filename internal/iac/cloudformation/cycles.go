package cloudformation

import (
	"fmt"
	"strings"
)

// checkCycles reports a circular dependency among the template's
// resources, through references or DependsOn, which CloudFormation would
// reject before creating anything.
func checkCycles(t *template) error {
	edges := map[string][]string{}
	for _, id := range sortedKeys(t.Resources) {
		res := t.Resources[id]
		seen := map[string]bool{}
		collectRefs(res.Properties, t.Resources, seen)
		for _, d := range res.DependsOn {
			seen[d] = true
		}
		edges[id] = sortedKeys(seen)
	}
	state := map[string]int{} // 0 unvisited, 1 on the path, 2 done
	var path []string
	var visit func(id string) []string
	visit = func(id string) []string {
		state[id] = 1
		path = append(path, id)
		for _, next := range edges[id] {
			switch state[next] {
			case 1:
				i := indexOf(path, next)
				return append(append([]string{}, path[i:]...), next)
			case 0:
				if cycle := visit(next); cycle != nil {
					return cycle
				}
			}
		}
		path = path[:len(path)-1]
		state[id] = 2
		return nil
	}
	for _, id := range sortedKeys(edges) {
		if state[id] == 0 {
			if cycle := visit(id); cycle != nil {
				return fmt.Errorf("circular dependency between resources %s", strings.Join(cycle, " -> "))
			}
		}
	}
	return nil
}

// collectRefs adds every logical ID that Ref or Fn::GetAtt names in v.
func collectRefs(v any, resources map[string]*resource, into map[string]bool) {
	switch x := v.(type) {
	case map[string]any:
		if id, ok := x["Ref"].(string); ok && resources[id] != nil {
			into[id] = true
		}
		if ga, ok := x["Fn::GetAtt"].([]any); ok && len(ga) == 2 {
			if id, ok := ga[0].(string); ok && resources[id] != nil {
				into[id] = true
			}
		}
		for _, k := range sortedKeys(x) {
			collectRefs(x[k], resources, into)
		}
	case []any:
		for _, e := range x {
			collectRefs(e, resources, into)
		}
	}
}

func indexOf(ss []string, s string) int {
	for i, x := range ss {
		if x == s {
			return i
		}
	}
	return -1
}

// tidy removes what the template would only warn about: DependsOn entries
// that a reference already implies or that name a resource left out (a
// default-VPC egress rule), and parameters nothing refers to.
func tidy(t *template) {
	used := map[string]bool{}
	all := map[string]*resource{}
	for id, res := range t.Resources {
		all[id] = res
	}
	for id := range t.Parameters {
		all[id] = &resource{}
	}
	for _, res := range t.Resources {
		refs := map[string]bool{}
		collectRefs(res.Properties, all, refs)
		var deps []string
		for _, d := range res.DependsOn {
			if !refs[d] && t.Resources[d] != nil { // a left-out resource is nothing to wait for
				deps = append(deps, d)
			}
		}
		res.DependsOn = deps
		for id := range refs {
			used[id] = true
		}
	}
	for id := range t.Parameters {
		if !used[id] {
			delete(t.Parameters, id)
		}
	}
}
