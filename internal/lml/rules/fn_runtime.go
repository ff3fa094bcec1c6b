package rules

import (
	"regexp"
	"strings"
)

// lambdaRuntime is a Lambda runtime a prompt named, with the handler that a
// deployment package for it conventionally exports.
type lambdaRuntime struct {
	ID      string // e.g. "python3.12"
	Handler string
	At      int // token of the mention, or -1 when defaulted
	Len     int
}

var (
	runtimeJoinedRe = regexp.MustCompile(`^(python|nodejs|node\.js|node|java|ruby|dotnet|\.net|go)-?(\d+(?:\.\d+)?)(\.x)?$`)
	runtimeVerRe    = regexp.MustCompile(`^v?(\d+(?:\.\d+)?)(\.x)?$`)
)

// supportedRuntimes maps a language to its supported versions, the newest
// first, and its handler convention.
var supportedRuntimes = map[string]struct {
	versions []string
	format   string // runtime ID with %s for the version
	handler  string
}{
	"python": {[]string{"3.13", "3.12", "3.11", "3.10", "3.9"}, "python%s", "lambda_function.lambda_handler"},
	"nodejs": {[]string{"22", "20", "18"}, "nodejs%s.x", "index.handler"},
	"java":   {[]string{"21", "17", "11", "8"}, "java%s", "example.Handler::handleRequest"},
	"ruby":   {[]string{"3.3", "3.2"}, "ruby%s", "lambda_function.lambda_handler"},
	"dotnet": {[]string{"8"}, "dotnet%s", "Function::Function.Handler::FunctionHandler"},
}

// defaultRuntimeVersion is the version used when only the language is named.
var defaultRuntimeVersion = map[string]string{"python": "3.12", "nodejs": "20", "java": "21", "ruby": "3.3", "dotnet": "8"}

func runtimeLanguage(word string) string {
	switch word {
	case "python", "py", "python3":
		return "python"
	case "node", "nodejs", "node.js", "javascript", "typescript", "js", "ts":
		return "nodejs"
	case "java":
		return "java"
	case "ruby":
		return "ruby"
	case "dotnet", ".net", "c#", "csharp":
		return "dotnet"
	case "go", "golang", "rust":
		return "provided"
	}
	return ""
}

// LambdaRuntime finds the runtime a prompt names: "python3.12",
// "python 3.11", "Node.js 20", "nodejs20.x", "java 21", "go". It reports
// false when none is named.
func (t *Text) LambdaRuntime() (lambdaRuntime, bool) {
	for i := 0; i < t.Len(); i++ {
		n := t.Norm(i)
		if m := runtimeJoinedRe.FindStringSubmatch(n); m != nil {
			if r, ok := runtimeFor(runtimeLanguage(m[1]), m[2]); ok {
				r.At, r.Len = i, 1
				return r, true
			}
		}
		lang := runtimeLanguage(n)
		if lang == "" || (lang == "provided" && t.Near(i, 3, "lambda", "function", "functions", "runtime", "written") < 0) ||
			(n == "node" && t.Is(i+1, "group", "groups", "pool", "pools", "type", "count")) {
			continue
		}
		if m := runtimeVerRe.FindStringSubmatch(t.Norm(i + 1)); m != nil {
			if r, ok := runtimeFor(lang, m[1]); ok {
				r.At, r.Len = i, 2
				return r, true
			}
		}
		if r, ok := runtimeFor(lang, defaultRuntimeVersion[lang]); ok {
			r.At, r.Len = i, 1
			return r, true
		}
	}
	return lambdaRuntime{}, false
}

func runtimeFor(lang, version string) (lambdaRuntime, bool) {
	if lang == "provided" {
		return lambdaRuntime{ID: "provided.al2023", Handler: "bootstrap"}, true
	}
	rt, ok := supportedRuntimes[lang]
	if !ok {
		return lambdaRuntime{}, false
	}
	if lang == "python" && version == "3" {
		version = defaultRuntimeVersion[lang]
	}
	version = strings.TrimSuffix(version, ".0")
	if lang == "nodejs" || lang == "java" || lang == "dotnet" {
		version = strings.SplitN(version, ".", 2)[0]
	}
	for _, v := range rt.versions {
		if v == version {
			return lambdaRuntime{ID: strings.Replace(rt.format, "%s", v, 1), Handler: rt.handler}, true
		}
	}
	return lambdaRuntime{}, false
}
