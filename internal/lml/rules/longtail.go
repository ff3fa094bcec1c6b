package rules

import (
	"sort"
	"strings"

	"github.com/syncloud/syncloud/internal/lml"
	"github.com/syncloud/syncloud/internal/spec"
)

// The long tail: a request for a service no family knows ("a Glacier vault",
// "an Elastic Beanstalk app", "an accelerate configuration for the bucket")
// resolves to the provider schema's resource types whose name words it
// holds, and each gets its required arguments filled with references to the
// stack, names, service roles and safe, explained defaults. A type whose
// required arguments cannot be filled safely is reported as unplaced rather
// than emitted half-configured.

func longTailFamily() family {
	return family{name: "long tail", stage: stageGeneric + 1, declare: declareLongTail}
}

// maxLongTailDepth bounds how many parents a long-tail type may create in
// turn (a streaming configuration creates its voice connector, not more).
const maxLongTailDepth = 2

func declareLongTail(c *Ctx) {
	idx := longTailIndex()
	words := c.requestWords(idx)
	used := map[int]bool{}
	placed := map[string]bool{}
	for _, m := range c.longTailMatches(idx, words) {
		if allIn(m.anchors, used) {
			continue
		}
		for _, at := range m.cluster {
			used[at] = true
		}
		if c.First(m.typ.name) != nil {
			c.claimAll(m.cluster)
			continue
		}
		c.placeMatch(idx, m)
		placed[m.typ.service()] = true
	}
	c.placeServiceDefaults(idx, words, used, placed)
}

func allIn(ats []int, set map[int]bool) bool {
	for _, at := range ats {
		if !set[at] {
			return false
		}
	}
	return true
}

func (c *Ctx) claimAll(ats []int) {
	for _, at := range ats {
		c.Claim(at, at+1)
	}
}

// placeMatch places one matched type, or reports what it lacks.
func (c *Ctx) placeMatch(idx *ltIndex, m ltMatch) {
	lo, hi := m.cluster[0], m.cluster[0]
	for _, at := range m.cluster {
		lo, hi = min(lo, at), max(hi, at)
	}
	c.Claim(lo, hi+1)
	phrase := c.T.Span(lo, hi+1)
	name, named := c.nameFor(hi)
	addr, missing := c.placeType(idx, m.typ, name, named, 0)
	if len(missing) > 0 {
		c.Unplaced(phrase + " (" + m.typ.name + " needs " + strings.Join(missing, ", ") + ", which the request does not give)")
		return
	}
	c.Understand("%s as %s (matched by name in the AWS provider schema)", phrase, addr)
}

// nameFor returns a name the user gave right after the words at hi.
func (c *Ctx) nameFor(hi int) (string, bool) {
	if n, _, ok := c.T.NameNear(hi, false); ok {
		return n, true
	}
	if n, _, ok := c.T.NameAfter(hi+1, 3); ok {
		return n, true
	}
	return "", false
}

// ltMark is how far the stack and the record had come, to undo a type that
// could not be placed.
type ltMark struct{ resources, understood, assumptions int }

func (c *Ctx) mark() ltMark {
	return ltMark{len(c.Stack.Resources), len(c.understood), len(c.assumptions)}
}

func (c *Ctx) rollback(m ltMark) {
	c.Stack.Resources = c.Stack.Resources[:m.resources]
	c.understood = c.understood[:m.understood]
	c.assumptions = c.assumptions[:m.assumptions]
}

// placeType adds a resource of type t with its required arguments filled
// (a parent it refers to is created by fillRef when missing). Nothing is added when
// an argument cannot be filled: the missing ones are returned instead.
func (c *Ctx) placeType(idx *ltIndex, t *ltType, name string, named bool, depth int) (spec.Address, []string) {
	mk := c.mark()
	if !named {
		name = "syncloud-" + strings.Join(strings.Split(strings.TrimPrefix(t.name, "aws_"), "_"), "-")
	}
	r := spec.Resource{Type: t.name, Name: LocalName(strings.TrimPrefix(name, "syncloud-"))}
	f := filler{c: c, idx: idx, t: t, name: strings.ToLower(ResourceName(name, 63)), named: named, depth: depth}
	f.fillBody(&r.Body, t.name, schemaOf(t.name))
	if len(f.missing) > 0 {
		c.rollback(mk)
		return spec.Address{}, f.missing
	}
	f.fillOptional(&r.Body, schemaOf(t.name))
	f.fillCompanions(&r.Body)
	addr := c.Add(r)
	for _, a := range f.assumed {
		c.Assume(addr.String()+a.Path, "%s", a.Message)
	}
	return addr, nil
}

// serviceDefaults are the main resource type of services users name by
// their product name alone ("a Lightsail box", "Glacier for archives").
var serviceDefaults = map[string]string{
	"lightsail": "aws_lightsail_instance", "glacier": "aws_glacier_vault", "redshift": "aws_redshift_cluster",
	"efs": "aws_efs_file_system", "neptune": "aws_neptune_cluster", "beanstalk": "aws_elastic_beanstalk_application",
	"opensearch": "aws_opensearch_domain", "cognito": "aws_cognito_user_pool", "athena": "aws_athena_workgroup",
	"codecommit": "aws_codecommit_repository", "documentdb": "aws_docdb_cluster", "docdb": "aws_docdb_cluster",
	"dax": "aws_dax_parameter_group",
}

// placeServiceDefaults places a service's main type for an unclaimed
// product name that no matched type of the same service used.
func (c *Ctx) placeServiceDefaults(idx *ltIndex, words []ltWord, used map[int]bool, placed map[string]bool) {
	for _, w := range words {
		typ, ok := serviceDefaults[w.word]
		if !ok || c.Claimed(w.at) || used[w.at] || c.First(typ) != nil {
			continue
		}
		t := &idx.types[idx.byName[typ]]
		if placed[t.service()] {
			c.Claim(w.at, w.at+1)
			continue
		}
		placed[t.service()] = true
		c.placeMatch(idx, ltMatch{typ: t, cluster: []int{w.at}})
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
	"transcribe", "kendra", "mongodb", "kubernetes", "k8s", "chime",
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

// ltAssumption is an assumption recorded before the resource's address is
// known; Path is relative to the resource (".bucket").
type ltAssumption = lml.Assumption
