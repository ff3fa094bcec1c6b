package rules

import (
	"strconv"

	"github.com/syncloud/syncloud/internal/spec"
)

// fnRec is a Lambda function the prompt asked for.
type fnRec struct {
	addr spec.Address
	role spec.Address
	at   int
	name string
}

// lambdaMentions returns where the prompt names functions: "lambda",
// "function" when the prompt is about functions (not Step Functions).
func lambdaMentions(t *Text) []int {
	_, hasRuntime := t.LambdaRuntime()
	serverless := t.Has("lambda", "lambdas", "serverless", "faas") || hasRuntime
	var out []int
	for _, i := range t.Mentions("lambda", "lambdas", "function", "functions") {
		if t.Is(i, "function", "functions") && (!serverless || t.Is(i-1, "step")) || t.Is(i+1, "execution", "role", "roles") ||
			trustedServiceAt(t, i) || lambdaARNAt(t, i+1) || lambdaARNAt(t, i+2) {
			continue
		}
		out = append(out, i)
	}
	return out
}

// declareFunctions places Lambda functions with their execution roles, log
// groups and function URLs.
func (a *appState) declareFunctions(c *Ctx) {
	ms := lambdaMentions(c.T)
	if len(ms) == 0 {
		return
	}
	for _, m := range ms {
		c.Claim(m, m+1)
	}
	n := max(1, c.T.CountBefore(ms[0], 3))
	if rt, ok := c.T.LambdaRuntime(); ok && rt.At < ms[0] && rt.At >= ms[0]-4 {
		n = max(1, c.T.CountBefore(rt.At, 2)) // "a Node 20 lambda": 20 is the version
	}
	var names []string
	if n > 1 || c.T.Norm(ms[0]) == "lambdas" || c.T.Norm(ms[0]) == "functions" {
		names = namesListedAfter(c, ms[0]) // "two lambdas, producer and consumer"
	}
	for _, m := range ms {
		if name, k, ok := c.T.NameNear(m, false); ok && !c.Claimed(k) && len(names) < max(n, 1) {
			names = append(names, name)
			c.Claim(k, k+1)
		}
	}
	n = min(max(n, len(names)), 10)
	for i := 0; i < n; i++ {
		name := ""
		if i < len(names) {
			name = names[i]
		}
		a.addFunction(c, ms[min(i, len(ms)-1)], name, i, n)
	}
}

func (a *appState) addFunction(c *Ctx, at int, name string, i, n int) {
	if name == "" {
		name = "function"
		if n > 1 {
			name += "-" + strconv.Itoa(i+1)
		}
		c.Assume("aws_lambda_function."+LocalName(name)+".function_name", "no function name given: using %q", name)
	}
	fname := ResourceName(name, 64)
	rt := functionRuntime(c, name)
	policies := []string{ManagedPolicyARN("service-AWSLambdaBasicExecutionRole")}
	inVPC := a.functionInVPC(c, at)
	if inVPC {
		policies = append(policies, ManagedPolicyARN("service-AWSLambdaVPCAccessExecutionRole"))
	}
	traced := functionTracing(c)
	if traced {
		policies = append(policies, ManagedPolicyARN("AWSXRayDaemonWriteAccess"))
	}
	role := c.ServiceRole(LocalName(name), "lambda.amazonaws.com", policies...)
	r := spec.Resource{Type: "aws_lambda_function", Name: name}
	r.Body.Set("function_name", spec.String(fname))
	r.Body.Set("role", spec.RefTo(role, "arn"))
	r.Body.Set("runtime", spec.String(rt.ID))
	r.Body.Set("handler", spec.String(a.functionHandler(c, rt)))
	r.Body.Set("filename", spec.String("function.zip"))
	c.Assume("aws_lambda_function."+LocalName(name)+".filename", "the deployment package is function.zip next to the configuration; build it before applying")
	desc := a.functionSizing(c, &r.Body, at)
	if traced {
		r.Body.EnsureBlock("tracing_config").Set("mode", spec.String("Active"))
		desc += ", X-Ray tracing"
	}
	if n, ok := reservedConcurrency(c); ok {
		r.Body.Set("reserved_concurrent_executions", spec.Int(n))
		desc += ", reserved concurrency " + strconv.Itoa(n)
	}
	a.functionOptions(c, &r, role, inVPC)
	addr := c.Add(r)
	a.fns = append(a.fns, fnRec{addr: addr, role: role, at: at, name: fname})
	c.Understand("Lambda function %s (%s%s)", fname, rt.ID, desc)
	a.functionLogs(c, addr, fname)
	a.functionURL(c, addr)
}

// functionRuntime reads the runtime, or assumes the default Python.
func functionRuntime(c *Ctx, name string) lambdaRuntime {
	rt, ok := c.T.LambdaRuntime()
	if !ok {
		rt, _ = runtimeFor("python", defaultRuntimeVersion["python"])
		c.Assume("aws_lambda_function."+LocalName(name)+".runtime", "no runtime named: using %s", rt.ID)
		return rt
	}
	c.Claim(rt.At, rt.At+rt.Len)
	return rt
}

// functionOptions sets the architecture, environment, VPC placement and
// dead-letter queue the prompt asks for.
func (a *appState) functionOptions(c *Ctx, r *spec.Resource, role spec.Address, inVPC bool) {
	if c.T.Has("arm64", "graviton", "arm") {
		r.Body.Set("architectures", spec.Strings("arm64"))
	}
	if vars := functionEnv(c); len(vars) > 0 {
		r.Body.EnsureBlock("environment").Set("variables", spec.StringMap(vars))
	}
	if inVPC {
		a.functionVPC(c, r, r.Name)
	}
	if a.fnDLQ != nil {
		r.Body.EnsureBlock("dead_letter_config").Set("target_arn", spec.RefTo(*a.fnDLQ, "arn"))
		c.roleInlinePolicy(role, LocalName(r.Name)+"_dlq", "dead-letter-",
			Statement{Actions: []string{"sqs:SendMessage"}, Resources: []spec.Value{spec.RefTo(*a.fnDLQ, "arn")}})
	}
}

// roleInlinePolicy adds an inline policy to a role from statements.
func (c *Ctx) roleInlinePolicy(role spec.Address, base, prefix string, stmts ...Statement) {
	doc := c.PolicyDocument(base, stmts...)
	p := spec.Resource{Type: "aws_iam_role_policy", Name: base}
	p.Body.Set("name_prefix", spec.String(prefix))
	p.Body.Set("role", spec.RefTo(role, "id"))
	p.Body.Set("policy", spec.RefTo(doc, "json"))
	c.Add(p)
}

// functionHandler reads "handler com.example.Handler::handleRequest" or
// uses the runtime's convention.
func (a *appState) functionHandler(c *Ctx, rt lambdaRuntime) string {
	if k := c.T.Find(0, "handler"); k >= 0 && k+1 < c.T.Len() && !c.T.Is(k+1, fillerWords...) {
		c.Claim(k, k+2)
		return c.T.Raw(k + 1)
	}
	if k := c.T.Find(0, "handler"); k > 0 && c.T.Toks[k-1].Quoted {
		return c.T.Raw(k - 1)
	}
	return rt.Handler
}

// functionSizing reads memory ("512 MB memory", "2 GiB of RAM", or a bare
// "with 256MB" next to the function at m) and the timeout ("30 second
// timeout", "timeout of 15 minutes").
func (a *appState) functionSizing(c *Ctx, b *spec.Body, m int) string {
	t := c.T
	desc := ""
	mem, at, ok := Size{}, -1, false
	for _, k := range t.FindAll("memory", "ram", "mem") {
		if mem, at, ok = t.SizeNear(k, 4); ok && !c.Claimed(at) {
			c.Claim(k, k+1)
			break
		}
		ok = false
	}
	if !ok {
		mem, at, ok = bareFunctionMemory(c, m)
	}
	if ok {
		mb := clampInt(mem.MB(), 128, 10240)
		b.Set("memory_size", spec.Int(mb))
		desc += ", " + strconv.Itoa(mb) + " MB"
		c.Claim(at, at+1)
	}
	for _, k := range t.FindAll("timeout", "timeouts", "time-out") {
		if t.Is(k-1, "visibility") || t.Is(k-2, "visibility") {
			continue
		}
		s, at, ok := t.DurationNear(k, 4)
		if ok && c.Claimed(at) {
			ok = false
		}
		if !ok && t.Is(k-1, "max", "maximum", "longest", "highest") {
			s, at, ok = 900, k-1, true // "the max timeout": Lambda's 15 minutes
		}
		if ok {
			sec := clampInt(s, 1, 900)
			b.Set("timeout", spec.Int(sec))
			desc += ", timeout " + strconv.Itoa(sec) + " s"
			c.Claim(at, at+1)
			c.Claim(k, k+1)
			break
		}
	}
	return desc
}

// functionTracing reports whether the prompt asks for X-Ray tracing ("with
// X-Ray", "tracing enabled", "active tracing").
func functionTracing(c *Ctx) bool {
	t := c.T
	k := t.Find(0, "x-ray", "xray", "tracing", "traced")
	if k < 0 || t.Is(k-1, "no", "without", "disable", "disabled") || t.Is(k+1, "off", "disabled") {
		return false
	}
	c.Claim(k, k+1)
	return true
}

// reservedConcurrency reads "reserved concurrency of 5", "concurrency limit
// 20", "5 reserved concurrent executions".
func reservedConcurrency(c *Ctx) (int, bool) {
	t := c.T
	for _, k := range t.FindAll("concurrency", "concurrent") {
		if t.Is(k-1, "provisioned") {
			continue
		}
		n, at, ok := t.NumberNear(k, 3)
		if !ok {
			n, at, ok = t.NumberBefore(k, 2)
		}
		if ok && n >= 0 && n <= 10000 && !c.Claimed(at) {
			c.Claim(at, at+1)
			c.Claim(k, k+1)
			return n, true
		}
	}
	return 0, false
}

// fnSizeNotMemory are words around a size that make it something other
// than the function's memory ("10 GB of ephemeral storage", "5 MB files").
var fnSizeNotMemory = []string{"storage", "ephemeral", "disk", "tmp", "/tmp", "payload", "payloads", "file", "files",
	"volume", "image", "images", "package", "zip", "upload", "uploads", "object", "objects", "message", "messages", "body"}

// bareFunctionMemory reads a size written without the word memory within a
// few words of the function's mention ("a 512MB lambda", "lambda with
// 256MB"): the memory is the only size a function has, up to 10 GB.
func bareFunctionMemory(c *Ctx, m int) (Size, int, bool) {
	t := c.T
	s, ok := Nearest(t.Sizes(), m, 8)
	if !ok || c.Claimed(s.At) || s.Value.MB() < 64 || s.Value.MB() > 10240 {
		return Size{}, -1, false
	}
	for j := s.At - 2; j <= s.At+4; j++ {
		if t.Is(j, fnSizeNotMemory...) {
			return Size{}, -1, false
		}
	}
	return s.Value, s.At, true
}

// functionEnv reads environment variables written as KEY=value after
// "env", "environment" or "variables".
func functionEnv(c *Ctx) map[string]string {
	vars := map[string]string{}
	for _, kv := range c.T.KeyValues() {
		if c.Claimed(kv.At) {
			continue
		}
		for k := kv.At - 1; k >= 0 && k >= kv.At-12; k-- {
			if c.T.Is(k, "env", "envs", "environment", "variable", "variables", "vars", "var") {
				vars[kv.Value.Key] = kv.Value.Value
				c.Claim(kv.At, kv.At+1)
				break
			}
		}
	}
	return vars
}
