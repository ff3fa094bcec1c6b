package rules

import (
	"fmt"

	"github.com/syncloud/syncloud/internal/spec"
)

// ecrMentions returns the tokens naming container registries: "ECR repo",
// "container registry", "ECR".
func ecrMentions(t *Text) []int {
	var out []int
	for _, i := range t.Mentions("ecr", "repo", "repository", "registry") {
		if t.Is(i, "ecr") && t.Near(i, 4, "endpoint", "endpoints", "privatelink") >= 0 {
			continue // "a VPC endpoint for ECR": the service, not a repository
		}
		switch {
		case t.Is(i, "ecr"), t.Is(i-1, "ecr"), t.Is(i-2, "ecr"):
		case (t.Is(i-1, "container", "docker", "image") || t.Is(i-2, "container", "docker")) && t.Is(i, "registry", "repository", "repo"):
		default:
			continue
		}
		out = append(out, i)
	}
	return out
}

// declareRepos places ECR repositories with scanning, tag mutability and a
// lifecycle policy.
func (a *appState) declareRepos(c *Ctx) {
	t := c.T
	ms := ecrMentions(t)
	if len(ms) == 0 || (t.Is(ms[0]+1, "image", "images") && t.Has("ecs", "fargate", "lambda", "task")) && !t.Has("repo", "repository") {
		return
	}
	n := max(1, t.CountBefore(ms[0], 3))
	for _, m := range ms {
		c.Claim(m-1, m+1)
	}
	listed := repoList(c, ms[0], n)
	n = max(n, len(listed))
	for i := 0; i < min(n, 10); i++ {
		name := ""
		switch {
		case i < len(listed):
			name = listed[i]
		case i < len(ms):
			name = repoName(c, ms[i])
		}
		if name == "" && n > 1 {
			name = fmt.Sprintf("app-%d", i+1) // names must differ
		}
		a.addRepo(c, name)
	}
}

// repoList reads the names of several repositories listed after their
// mention at m: "two ECR repos, api and worker", "ECR repositories named
// web, api and jobs" (a plural with a list needs no count).
func repoList(c *Ctx, m, n int) []string {
	t := c.T
	if t.Is(m+1, "repos", "repositories", "registries") {
		m++
	}
	if n < 2 && !t.Is(m, "repos", "repositories", "registries") {
		return nil
	}
	return namesListedAfter(c, m)
}

// namesListedAfter reads a list of names right after a plural mention at m
// ("two lambdas, producer and consumer", "repositories named web, api and
// jobs"), claiming them; nil when no list of two or more follows.
func namesListedAfter(c *Ctx, m int) []string {
	t := c.T
	for j := m + 1; j <= m+3 && j < t.Len(); j++ {
		if t.Is(j, "named", "called", "for", "the", "of") {
			continue
		}
		ks := t.enumerationFrom(j)
		if len(ks) < 2 {
			return nil
		}
		var out []string
		for _, k := range ks {
			out = append(out, t.Raw(k))
			c.Claim(k, k+1)
		}
		return out
	}
	return nil
}

// repoName finds a repository's name: "ECR repo 'backend'", "repository
// named api", "ECR repository for the frontend image".
func repoName(c *Ctx, m int) string {
	t := c.T
	if n, k, ok := t.NameNear(m, false); ok && !c.Claimed(k) {
		c.Claim(k, k+1)
		return n
	}
	if k := t.Phrase(m+1, "for the"); k == m+1 && t.Is(k+3, "image", "images", "app", "service", "container") {
		return t.Raw(k + 2)
	}
	return ""
}

func (a *appState) addRepo(c *Ctx, name string) {
	t := c.T
	r := spec.Resource{Type: "aws_ecr_repository", Name: "repo"}
	if name == "" {
		name = "app"
		c.Assume("aws_ecr_repository.app.name", "no repository name given: using %q", name)
	}
	r.Name = name
	r.Body.Set("name", spec.String(repoNameValue(name)))
	mut := "MUTABLE"
	if k := t.Find(0, "immutable"); k >= 0 {
		mut = "IMMUTABLE"
		c.Claim(k, k+2)
	}
	r.Body.Set("image_tag_mutability", spec.String(mut))
	scan := t.Has("scan", "scans", "scanning", "scanned", "scan-on-push")
	off := t.HasPhrase("no scan|scanning", "without scan|scanning", "disable|disabled scan|scanning", "scanning off|disabled")
	r.Body.EnsureBlock("image_scanning_configuration").Set("scan_on_push", spec.Bool(!off))
	if !scan {
		c.Assume("aws_ecr_repository."+LocalName(name)+".image_scanning_configuration", "images are scanned for vulnerabilities on push")
	}
	addr := c.Add(r)
	a.repos = append(a.repos, addr)
	c.Understand("ECR repository %s (tags %s)", name, mut)
	a.repoLifecycle(c, addr)
}

// repoNameValue lower-cases a name into ECR's allowed characters.
func repoNameValue(name string) string {
	b := []byte(BucketName(name))
	for i, ch := range b {
		if ch == '.' {
			b[i] = '-'
		}
	}
	return string(b)
}

// repoLifecycle reads "keep only the 10 most recent images" and "expire
// untagged images after 14 days".
func (a *appState) repoLifecycle(c *Ctx, repo spec.Address) {
	t := c.T
	var rules []spec.Value
	if k := t.Find(0, "recent", "latest", "last", "newest"); k >= 0 && t.Find(k, "image", "images", "tags", "versions") >= 0 {
		n, at, ok := t.NumberNear(k, 2)
		if !ok {
			n, at, ok = t.NumberBefore(k, 3)
		}
		if ok && n > 0 {
			rules = append(rules, lifecycleRule(len(rules)+1, "keep the "+itoaRepo(n)+" most recent images", "any", "imageCountMoreThan", n, ""))
			c.Claim(min(at, k), max(at, k)+1)
		}
	}
	if k := t.Find(0, "untagged"); k >= 0 {
		if s, _, ok := t.DurationNear(k, 6); ok && s >= 86400 {
			rules = append([]spec.Value{lifecycleRule(1, "expire untagged images", "untagged", "sinceImagePushed", Days(s), "days")}, renumber(rules, 2)...)
		}
	}
	if len(rules) == 0 {
		return
	}
	p := spec.Resource{Type: "aws_ecr_lifecycle_policy", Name: repo.Name}
	p.Body.Set("repository", spec.RefTo(repo, "name"))
	p.Body.Set("policy", spec.JSON(spec.Map(map[string]spec.Value{"rules": spec.List(rules...)})))
	c.Add(p)
	c.claimWords("lifecycle")
	c.Understand("lifecycle policy on %s", repo.Name)
}

func lifecycleRule(prio int, desc, tagStatus, countType string, n int, unit string) spec.Value {
	sel := map[string]spec.Value{"tagStatus": spec.String(tagStatus), "countType": spec.String(countType), "countNumber": spec.Int(n)}
	if unit != "" {
		sel["countUnit"] = spec.String(unit)
	}
	return spec.Map(map[string]spec.Value{
		"rulePriority": spec.Int(prio),
		"description":  spec.String(desc),
		"selection":    spec.Map(sel),
		"action":       spec.Map(map[string]spec.Value{"type": spec.String("expire")}),
	})
}

func renumber(rules []spec.Value, from int) []spec.Value {
	for i := range rules {
		for j := range rules[i].Map {
			if rules[i].Map[j].Key == "rulePriority" {
				rules[i].Map[j].Value = spec.Int(from + i)
			}
		}
	}
	return rules
}

func itoaRepo(n int) string { return spec.Int(n).GoString() }
