package web

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestOpenAPIMatchesRoutes fails when a route is missing from the OpenAPI
// document or the document describes an operation no route serves.
func TestOpenAPIMatchesRoutes(t *testing.T) {
	var doc struct {
		OpenAPI string                               `json:"openapi"`
		Paths   map[string]map[string]map[string]any `json:"paths"`
	}
	if err := json.Unmarshal(openAPI, &doc); err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.") {
		t.Errorf("openapi = %q, want 3.x", doc.OpenAPI)
	}
	var documented []string
	for path, ops := range doc.Paths {
		for method, op := range ops {
			documented = append(documented, strings.ToUpper(method)+" "+path)
			if _, ok := op["responses"]; !ok {
				t.Errorf("%s %s has no responses", method, path)
			}
		}
	}
	var served []string
	for _, rt := range New(Deps{}).routes() {
		served = append(served, rt.Pattern)
	}
	slices.Sort(documented)
	slices.Sort(served)
	if diff := cmp.Diff(served, documented); diff != "" {
		t.Errorf("routes (-) vs OpenAPI operations (+):\n%s", diff)
	}
}

// TestOpenAPISecurityMatchesAccess checks that the document marks public
// routes as needing no credentials and every other route as secured.
func TestOpenAPISecurityMatchesAccess(t *testing.T) {
	var doc struct {
		Paths map[string]map[string]struct {
			Security []map[string][]string `json:"security"`
		} `json:"paths"`
	}
	if err := json.Unmarshal(openAPI, &doc); err != nil {
		t.Fatal(err)
	}
	for _, rt := range New(Deps{}).routes() {
		method, path, _ := strings.Cut(rt.Pattern, " ")
		op := doc.Paths[path][strings.ToLower(method)]
		if gotPublic := len(op.Security) == 0; gotPublic != (rt.Access == public) {
			t.Errorf("%s: documented public=%v, route public=%v", rt.Pattern, gotPublic, rt.Access == public)
		}
	}
}
