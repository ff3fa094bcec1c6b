package rules

import (
	"strings"

	"github.com/syncloud/syncloud/internal/spec"
)

// asgPhrases name an Auto Scaling group.
var asgPhrases = []string{"auto scaling group|groups", "autoscaling group|groups", "auto-scaling group|groups",
	"scaling group|groups", "asg", "asgs", "autoscaling", "auto scaling", "auto-scaling", "launch configuration",
	"scale-out|autoscaled|auto-scaled group|groups|fleet|pool", "autoscaling|scaling fleet|pool"}

// declareASG adds a launch template and, unless only the template was asked
// for, an Auto Scaling group with its scaling policy and schedules.
func declareASG(c *Ctx) {
	t := c.T
	asgAt, ltAt := asgMention(c), -1
	if t.Has("template", "templates") {
		ltAt = t.Phrase(0, "launch template|templates")
	}
	if asgAt < 0 && ltAt < 0 {
		return
	}
	first, last := asgAt, asgAt
	if ltAt >= 0 {
		c.Claim(ltAt, ltAt+2)
		if first < 0 || ltAt < first {
			first = ltAt
		}
		last = max(last, ltAt)
	}
	g := &ec2Group{typAt: -1, noun: first, from: max(0, first-6), to: min(t.Len(), last+25), count: 1}
	claimASGWords(c, g)
	lt := addLaunchTemplate(c, g)
	if asgAt < 0 {
		return
	}
	asg := addASG(c, g, lt)
	if !addThresholdScaling(c, g, asg) {
		addTargetTracking(c, g, asg)
	}
	addSchedules(c, g, asg)
}

// asgMention returns the token of the first Auto Scaling group mention that
// is not another service's ("Aurora auto scaling", "ECS service
// autoscaling"), or -1.
func asgMention(c *Ctx) int {
	t := c.T
	if !t.Has("asg", "asgs", "autoscaling", "auto", "auto-scaling", "scaling", "scale-out", "autoscaled", "auto-scaled", "launch") {
		return -1
	}
	for _, p := range asgPhrases {
		k := t.Phrase(0, p)
		if k < 0 || ec2ForeignAt(t, k) || asgOtherService(t, k) {
			continue
		}
		if start := k - btoi(t.Is(k-1, "auto", "ec2", "aws")); negatedAt(t, start) {
			c.Claim(k, k+len(splitFields(p)))
			continue // "a launch template, no scaling group"
		}
		if !asgSaysEC2(t, p) {
			continue // "reads auto scaling up to 200": some other service scales
		}
		c.Claim(k, k+len(splitFields(p)))
		return k
	}
	return -1
}

// negatedAt reports whether the thing named at k is refused: "no ASG",
// "without an auto scaling group", "not a VPC".
func negatedAt(t *Text, k int) bool {
	return t.Is(k-1, "no", "without", "not") || t.Is(k-1, "a", "an", "any") && t.Is(k-2, "no", "without", "not")
}

// asgSaysEC2 reports whether a generic scaling phrase is about EC2: the
// prompt names an instance type, instances, or says ASG outright.
func asgSaysEC2(t *Text, phrase string) bool {
	if strings.Contains(phrase, "group") || strings.HasPrefix(phrase, "asg") || strings.HasPrefix(phrase, "launch") {
		return true
	}
	if len(t.ClassesWithPrefix("")) > 0 || t.Has("ec2", "instance", "instances", "server", "servers", "vm", "vms", "template") {
		return true
	}
	return false
}

func asgOtherService(t *Text, k int) bool {
	from, to := t.Clause(k)
	for j := max(from, k-6); j < to && j <= k+4; j++ {
		if t.Is(j, "aurora", "rds", "dynamodb", "storage", "table", "replicas", "capacity", "tasks", "service", "reads", "writes", "units") {
			return true
		}
	}
	return false
}

// claimASGWords takes the group's instance type and the nouns that describe
// its instances, so the instance family does not build them again.
func claimASGWords(c *Ctx, g *ec2Group) {
	t := c.T
	best := 99
	for _, it := range t.ClassesWithPrefix("") {
		if d := abs(it.At - g.noun); it.At >= g.noun-15 && it.At < g.to && d < best && !c.Claimed(it.At) {
			best, g.typAt, g.typ = d, it.At, it.Value
		}
	}
	if g.typAt >= 0 {
		c.Claim(g.typAt, g.typAt+1)
		for j := g.typAt + 1; j <= g.typAt+3; j++ {
			if ec2NounAt(t, j) || t.Is(j, "node", "nodes") {
				c.Claim(j, j+1) // "10 m5.large instances"
			}
		}
	}
	g.role = "app"
	for j := g.noun; j < g.to; j++ {
		if ec2NounAt(t, j) || t.Is(j, "node", "nodes") {
			c.Claim(j, j+1)
			if t.Is(j-1, "web", "api", "worker", "app") {
				g.role = t.Norm(j - 1)
			}
		}
	}
}

// addLaunchTemplate adds the template the group's instances start from.
func addLaunchTemplate(c *Ctx, g *ec2Group) spec.Address {
	os, named := findOS(c, g.noun, g.to)
	if !named {
		os, named = findOS(c, g.from, g.noun)
	}
	if !named {
		os = defaultOS()
		c.Assume("data.aws_ami", "no operating system named for the launch template: using Amazon Linux 2023")
	}
	g.typ = chooseType(c, g, os)
	ami := amiFor(c, os, g.typ)
	lt := spec.Resource{Type: "aws_launch_template", Name: g.role}
	lt.Body.Set("name_prefix", spec.String(ResourceName(g.role, 100)+"-"))
	lt.Body.Set("image_id", spec.RefTo(ami, "id"))
	lt.Body.Set("instance_type", spec.String(g.typ))
	setKey(c, &lt.Body, g.from, g.to)
	if script, ok := userData(c, g.from, g.to, os); ok {
		lt.Body.Set("user_data", spec.Base64(script))
	}
	if d := instanceSG(c, g, nil); d != nil {
		g.sg = d
		d.emit(c)
		lt.Body.Set("vpc_security_group_ids", spec.List(spec.RefTo(d.addr, "id")))
	}
	if prof, ok := instanceProfile(c, g.role, g.from, g.to); ok {
		lt.Body.EnsureBlock("iam_instance_profile").Set("name", spec.RefTo(prof, "name"))
	}
	setTemplateRoot(&lt.Body, volumes(c, g.from, g.to), ami)
	ts := lt.Body.AddBlock("tag_specifications")
	ts.Set("resource_type", spec.String("instance"))
	ts.Set("tags", spec.StringMap(map[string]string{"Name": g.role}))
	addr := c.Add(lt)
	c.Understand("launch template (%s, %s)", g.typ, os.label)
	return addr
}

// setTemplateRoot sizes the root volume of a launch template's instances.
func setTemplateRoot(b *spec.Body, vols []volumeMention, ami spec.Address) {
	var rb spec.Body
	setRootVolume(&rb, vols)
	root := rb.Block("root_block_device")
	if root == nil {
		return
	}
	m := b.AddBlock("block_device_mappings")
	m.Set("device_name", spec.RefTo(ami, "root_device_name"))
	ebs := m.AddBlock("ebs")
	for _, a := range root.Attrs {
		ebs.Set(a.Name, a.Value)
	}
}

// addASG adds the Auto Scaling group with the capacity the prompt asks for.
func addASG(c *Ctx, g *ec2Group, lt spec.Address) spec.Address {
	s := asgSizes(c, max(0, g.noun-12), g.to)
	s = fillSizes(c, s)
	r := spec.Resource{Type: "aws_autoscaling_group", Name: g.role}
	r.Body.Set("name_prefix", spec.String(ResourceName(g.role, 200)+"-"))
	r.Body.Set("min_size", spec.Int(s.min))
	r.Body.Set("max_size", spec.Int(s.max))
	r.Body.Set("desired_capacity", spec.Int(s.desired))
	tier := "private"
	if c.Net != nil && len(c.Net.Public)+len(c.Net.Private) > 0 {
		tier = subnetTierNear(c, g)
	}
	r.Body.Set("vpc_zone_identifier", subnetsValue(c, tier))
	r.Body.Set("health_check_type", spec.String("EC2"))
	tmpl := r.Body.AddBlock("launch_template")
	tmpl.Set("id", spec.RefTo(lt, "id"))
	tmpl.Set("version", spec.String("$Latest"))
	tag := r.Body.AddBlock("tag")
	tag.Set("key", spec.String("Name"))
	tag.Set("value", spec.String(g.role))
	tag.Set("propagate_at_launch", spec.Bool(true))
	c.Understand("Auto Scaling group of %s: min %d, max %d, desired %d", g.typ, s.min, s.max, s.desired)
	return c.Add(r)
}

// fillSizes completes unsaid capacities: min 1, max at least min and 2,
// desired = min.
func fillSizes(c *Ctx, s asgSize) asgSize {
	if s.min < 0 {
		s.min = 1
		if s.desired >= 0 && s.desired < s.min || s.max == 0 {
			s.min = 0
		}
		if s.max > 0 && s.desired < 0 {
			s.min = min(s.max, 1)
		}
		c.Assume("aws_autoscaling_group.min_size", "no minimum named: %d", s.min)
	}
	if s.max < 0 {
		s.max = max(2*max(s.min, 1), s.desired, 3)
		c.Assume("aws_autoscaling_group.max_size", "no maximum named: %d", s.max)
	}
	if s.desired < 0 {
		s.desired = s.min
	}
	s.desired = max(min(s.desired, s.max), s.min)
	if s.max < s.min {
		s.max = s.min
	}
	return s
}
