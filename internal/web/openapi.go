package web

import (
	_ "embed"
	"net/http"
)

// openAPI is the OpenAPI 3.1 document of the JSON API, kept in sync with
// routes() by TestOpenAPIMatchesRoutes.
//
//go:embed openapi.json
var openAPI []byte

// serveOpenAPI serves the embedded OpenAPI document.
func serveOpenAPI(w http.ResponseWriter, _ *http.Request) error {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "public, max-age=300")
	_, err := w.Write(openAPI)
	return err
}
