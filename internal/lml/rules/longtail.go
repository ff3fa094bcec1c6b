package rules

import (
	"sort"
	"strings"
	"sync"

	"github.com/syncloud/syncloud/internal/providerschema"
	"github.com/syncloud/syncloud/internal/spec"
)

// The long tail: a request for a service no family knows ("a Glacier vault",
// "an Elastic Beanstalk app") resolves to the provider schema's resource type
// whose name the words spell, and gets its required arguments filled with
// safe, explained defaults. A type whose required arguments cannot be filled
// safely is reported as unplaced rather than emitted half-configured.

func longTailFamily() family {
	return family{name: "long tail", stage: stageGeneric + 1, declare: declareLongTail}
}

// wordSynonyms maps short forms users write to the words AWS type names use.
var wordSynonyms = map[string]string{
	"app": "application", "apps": "application", "db": "database", "repo": "repository",
	"cert": "certificate", "config": "configuration", "env": "environment", "fn": "function",
	"func": "function", "stream": "stream", "dns": "route53",
}

var typeIndex = sync.OnceValue(func() map[string]string {
	idx := map[string]string{}
	for _, typ := range providerschema.Types() {
		name := strings.TrimPrefix(typ, "aws_")
		if !strings.Contains(name, "_") {
			continue // one-word types (aws_instance, aws_vpc) belong to the curated families
		}
		idx[strings.ReplaceAll(name, "_", "")] = typ
	}
	return idx
})

func declareLongTail(c *Ctx) {
	idx := typeIndex()
	for i := 0; i < c.T.Len(); i++ {
		for n := min(4, c.T.Len()-i); n >= 2; n-- {
			typ, ok := idx[c.windowKey(i, n)]
			if !ok || c.First(typ) != nil {
				continue
			}
			c.Claim(i, i+n)
			c.placeLongTail(typ, i, n)
			i += n - 1
			break
		}
	}
}

// windowKey joins n unclaimed words from i into a type-name key, or "".
func (c *Ctx) windowKey(i, n int) string {
	var b strings.Builder
	for k := i; k < i+n; k++ {
		w := c.T.Norm(k)
		if c.Claimed(k) || !isWord(w) {
			return ""
		}
		if syn, ok := wordSynonyms[w]; ok {
			w = syn
		}
		b.WriteString(w)
	}
	return b.String()
}

func (c *Ctx) placeLongTail(typ string, at, n int) {
	phrase := c.T.Span(at, at+n)
	schema, _ := providerschema.Resource(typ)
	base := strings.TrimPrefix(typ, "aws_")
	name, _, named := c.T.NameAfter(at+n, 4)
	if !named {
		name = "syncloud-" + strings.ReplaceAll(base, "_", "-")
	}
	r := spec.Resource{Type: typ, Name: LocalName(name)}
	var missing []string
	c.fillRequired(&r.Body, schema, typ, ResourceName(name, 63), typ, &missing)
	if len(missing) > 0 {
		c.Unplaced(phrase + " (" + typ + " needs " + strings.Join(missing, ", ") + ", which the request does not give)")
		return
	}
	addr := c.Add(r)
	c.Understand("%s as %s (matched by name in the AWS provider schema)", phrase, typ)
	if !named {
		c.Assume(addr.String()+".name", "no name given: using %q", ResourceName(name, 63))
	}
}

// fillRequired sets every required argument it can fill safely; the rest go
// to missing.
func (c *Ctx) fillRequired(b *spec.Body, schema *providerschema.Block, typ, name, path string, missing *[]string) {
	for _, an := range schema.AttributeNames() {
		a := schema.Attributes[an]
		if !a.Required {
			continue
		}
		switch {
		case an == "name" || strings.HasSuffix(an, "_name"):
			b.Set(an, spec.String(name))
			c.Assume(path+"."+an, "set to %q", name)
		case strings.HasSuffix(an, "role_arn") || strings.HasSuffix(an, "execution_role") || an == "role":
			role := c.ServiceRole(LocalName(name)+"_role", servicePrincipal(typ))
			b.Set(an, spec.RefTo(role, "arn"))
			c.Assume(path+"."+an, "a new IAM role that %s may assume, with no permissions yet", servicePrincipal(typ))
		default:
			*missing = append(*missing, an)
		}
	}
	for _, bn := range schema.BlockTypeNames() {
		nb := schema.BlockTypes[bn]
		if nb.MinItems == 0 {
			continue
		}
		c.fillRequired(b.AddBlock(bn), nb.Block, typ, name, path+"."+bn, missing)
	}
}

// servicePrincipal guesses the service principal of a resource type's
// service: aws_glue_crawler -> glue.amazonaws.com.
func servicePrincipal(typ string) string {
	svc := strings.SplitN(strings.TrimPrefix(typ, "aws_"), "_", 2)[0]
	svc = strings.TrimRight(svc, "v0123456789")
	return svc + ".amazonaws.com"
}

// serviceWords are AWS product names; one left unclaimed after every family
// ran names infrastructure the request wants and the engine did not place.
var serviceWords = []string{
	"redshift", "opensearch", "elasticsearch", "neptune", "documentdb", "docdb", "msk", "kafka", "sagemaker",
	"athena", "emr", "cognito", "amplify", "appsync", "stepfunctions", "sfn", "codebuild", "codepipeline",
	"codecommit", "codedeploy", "waf", "shield", "guardduty", "macie", "inspector", "cloudtrail", "datasync",
	"efs", "fsx", "workspaces", "lightsail", "mq", "rabbitmq", "activemq", "ses", "pinpoint", "iot", "quicksight",
	"memorydb", "timestream", "qldb", "keyspaces", "cassandra", "glacier", "beanstalk", "kinesis", "firehose",
	"glue", "xray", "appmesh", "cloud9", "bedrock", "lex", "polly", "rekognition", "textract", "comprehend",
	"transcribe", "kendra", "mongodb", "kubernetes", "k8s",
}

// reportUnplaced lists service words that no family claimed.
func (c *Ctx) reportUnplaced() {
	seen := map[string]bool{}
	for i := 0; i < c.T.Len(); i++ {
		if c.Claimed(i) {
			continue
		}
		w := c.T.Norm(i)
		for _, s := range serviceWords {
			if w == s || Like(w, s) && len(s) > 5 {
				if !seen[s] && !c.placedNear(i) {
					seen[s] = true
					c.Unplaced(c.T.Span(max(0, i-1), min(c.T.Len(), i+2)))
				}
				break
			}
		}
	}
	sort.Strings(c.unplaced)
}

// placedNear reports whether a claimed token stands right next to i, as in
// "Kinesis data stream" where the family claimed "data stream".
func (c *Ctx) placedNear(i int) bool { return c.Claimed(i-1) || c.Claimed(i+1) }
