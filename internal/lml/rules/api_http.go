package rules

import (
	"strings"

	"github.com/syncloud/syncloud/internal/spec"
)

var httpMethods = []string{"get", "post", "put", "delete", "patch", "head", "options", "any"}

// wantsHTTPAPI reports whether the prompt asks for an API Gateway HTTP API.
func wantsHTTPAPI(t *Text) (int, bool) {
	for _, p := range []string{"api gateway", "api-gateway", "apigateway", "apigw", "http api", "api gw", "rest api"} {
		if k := t.Phrase(0, p); k >= 0 {
			return k, true
		}
	}
	if k := t.Find(0, "apigatewayv2", "apigateway"); k >= 0 {
		return k, true
	}
	return -1, false
}

// routeKeys reads "GET /items and POST /items", "GET and POST /items",
// "ANY /{proxy+}". It returns none when the API proxies everything.
func routeKeys(c *Ctx) []string {
	t := c.T
	var out []string
	var pending []string
	for i := 0; i < t.Len(); i++ {
		raw := t.Raw(i)
		switch {
		case t.Is(i, httpMethods...) && strings.ToUpper(raw) == raw && len(raw) >= 3:
			pending = append(pending, strings.ToUpper(raw))
			c.Claim(i, i+1)
		case strings.HasPrefix(raw, "/") && len(pending) > 0:
			if strings.Count(raw, "{") > strings.Count(raw, "}") {
				raw += "}" // the tokenizer took the closing brace for punctuation
			}
			for _, m := range pending {
				out = append(out, m+" "+raw)
			}
			pending = nil
			c.Claim(i, i+1)
		}
	}
	return out
}

// declareHTTPAPI places an HTTP API with an auto-deployed $default stage,
// its routes and CORS.
func (a *appState) declareHTTPAPI(c *Ctx) {
	t := c.T
	k, ok := wantsHTTPAPI(t)
	if !ok {
		return
	}
	c.Claim(k, k+2)
	c.claimWords("api", "gateway", "stage", "routes", "route", "v2")
	name := "api"
	if n, at, ok := t.NameNear(k+1, false); ok && !c.Claimed(at) {
		name = n
		c.Claim(at, at+1)
	}
	r := spec.Resource{Type: "aws_apigatewayv2_api", Name: name}
	r.Body.Set("name", spec.String(ResourceName(name, 128)))
	r.Body.Set("protocol_type", spec.String("HTTP"))
	if t.Phrase(0, "rest api") >= 0 {
		c.Assume("aws_apigatewayv2_api."+LocalName(name)+".protocol_type", "an HTTP API (API Gateway v2), the simpler and cheaper kind of REST API")
	}
	if t.Has("cors") {
		cors := r.Body.AddBlock("cors_configuration")
		cors.Set("allow_origins", spec.Strings(corsOrigins(c)...))
		cors.Set("allow_methods", spec.Strings("GET", "POST", "PUT", "DELETE", "OPTIONS"))
		cors.Set("allow_headers", spec.Strings("content-type", "authorization"))
		c.claimWords("cors")
	}
	addr := c.Add(r)
	a.api = &addr
	stage := stageName(c)
	st := spec.Resource{Type: "aws_apigatewayv2_stage", Name: stage}
	st.Body.Set("api_id", spec.RefTo(addr, "id"))
	st.Body.Set("name", spec.String(stage))
	st.Body.Set("auto_deploy", spec.Bool(true))
	if rate, burst, ok := throttling(c); ok {
		rs := st.Body.AddBlock("default_route_settings")
		rs.Set("throttling_rate_limit", spec.Int(rate))
		rs.Set("throttling_burst_limit", spec.Int(burst))
		c.Understand("stage throttled to %d requests per second (bursts of %d)", rate, burst)
	}
	c.Add(st)
	c.Understand("API Gateway HTTP API %s with an auto-deployed %s stage", name, stage)
}

// stageName reads the stage the prompt names ("a stage named prod", "the
// 'v1' stage", "a prod stage"), else $default.
func stageName(c *Ctx) string {
	t := c.T
	k := t.Find(0, "stage")
	if k < 0 {
		return "$default"
	}
	if n, at, ok := t.NameNear(k, false); ok && !c.Claimed(at) {
		c.Claim(at, at+1)
		return ResourceName(n, 128)
	}
	if w := t.Norm(k - 1); isWord(w) && !t.Is(k-1, dataFillers...) && !t.Is(k-1, "default", "deployed", "auto-deployed", "api", "gateway", "http", "single") {
		c.Claim(k-1, k)
		return w
	}
	return "$default"
}

// throttling reads a rate limit ("throttled to 100 requests per second",
// "rate limit of 50 rps") and a burst ("burst 200"); the burst defaults to
// twice the rate.
func throttling(c *Ctx) (rate, burst int, ok bool) {
	t := c.T
	for _, k := range t.FindAll("throttle", "throttled", "throttling", "rate", "rate-limited") {
		if t.Norm(k) == "rate" && !t.Is(k+1, "limit", "limited", "limiting") {
			continue // "rate(5 minutes)", "error rate"
		}
		if n, at, found := t.NumberNear(k, 4); found && n > 0 && !c.Claimed(at) {
			c.Claim(k, k+1)
			c.Claim(at, at+1)
			rate, ok = n, true
			break
		}
	}
	if !ok {
		return 0, 0, false
	}
	burst = 2 * rate
	if k := t.Find(0, "burst", "bursts"); k >= 0 {
		if n, at, found := t.NumberNear(k, 3); found && n > 0 {
			burst = n
			c.Claim(at, at+1)
		}
	} else {
		c.Assume("aws_apigatewayv2_stage.default_route_settings.throttling_burst_limit", "bursts of up to twice the rate, %d requests", burst)
	}
	return rate, burst, true
}

// linkHTTPAPI integrates the API with the function: one Lambda proxy
// integration, a route per route key (or $default for every request), and
// the permission for API Gateway to invoke the function.
func (a *appState) linkHTTPAPI(c *Ctx) {
	if a.api == nil {
		return
	}
	keys := routeKeys(c)
	if len(keys) == 0 {
		keys = []string{"$default"}
		c.Assume("aws_apigatewayv2_route", "no routes named: the $default route sends every request to the integration")
	}
	if len(a.fns) == 0 {
		c.Unplaced("HTTP API routes without a backend (name a Lambda function to integrate)")
		return
	}
	fn := a.fns[0].addr
	in := spec.Resource{Type: "aws_apigatewayv2_integration", Name: fn.Name}
	in.Body.Set("api_id", spec.RefTo(*a.api, "id"))
	in.Body.Set("integration_type", spec.String("AWS_PROXY"))
	in.Body.Set("integration_uri", spec.RefTo(fn, "invoke_arn"))
	in.Body.Set("payload_format_version", spec.String("2.0"))
	c.Add(in)
	for _, key := range keys {
		rt := spec.Resource{Type: "aws_apigatewayv2_route", Name: routeLocal(key)}
		rt.Body.Set("api_id", spec.RefTo(*a.api, "id"))
		rt.Body.Set("route_key", spec.String(key))
		c.Add(rt)
		c.Understand("route %s → function %s", key, fn.Name)
	}
	c.Unplaced("route targets (\"integrations/<id>\"): the spec cannot join strings yet, so attach the integration to each route after apply")
	caller := a.callerIdentity(c)
	p := spec.Resource{Type: "aws_lambda_permission", Name: fn.Name + "_apigw"}
	p.Body.Set("statement_id_prefix", spec.String("allow-apigateway-"))
	p.Body.Set("action", spec.String("lambda:InvokeFunction"))
	p.Body.Set("function_name", spec.RefTo(fn, "function_name"))
	p.Body.Set("principal", spec.String("apigateway.amazonaws.com"))
	p.Body.Set("source_account", spec.RefTo(caller, "account_id"))
	c.Add(p)
}

func routeLocal(key string) string {
	if key == "$default" {
		return "default"
	}
	return LocalName(key)
}

// callerIdentity returns the data source naming the account, adding it
// once.
func (a *appState) callerIdentity(c *Ctx) spec.Address {
	addr := spec.Address{Mode: spec.Data, Type: "aws_caller_identity", Name: "current"}
	if c.Stack.Find(addr) != nil {
		return addr
	}
	return c.Add(spec.Resource{Mode: spec.Data, Type: "aws_caller_identity", Name: "current"})
}
