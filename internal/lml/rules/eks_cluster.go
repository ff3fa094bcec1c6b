package rules

import (
	"regexp"

	"github.com/syncloud/syncloud/internal/spec"
)

var k8sVersionRe = regexp.MustCompile(`^v?1\.(2[3-9]|3[0-9])$`)

// defaultK8sVersion is the Kubernetes version used when none is named.
const defaultK8sVersion = "1.31"

// declareEKS places an EKS cluster with its role, a managed node group and
// Fargate profiles.
func (a *appState) declareEKS(c *Ctx) {
	t := c.T
	if !t.Has("eks", "kubernetes", "k8s") {
		return
	}
	c.claimWords("eks", "kubernetes", "k8s", "cluster")
	name := "eks"
	if k := t.Find(0, "cluster"); k >= 0 {
		if n, at, ok := t.NameNear(k, false); ok && !c.Claimed(at) {
			name = n
			c.Claim(at, at+1)
		}
	}
	version := defaultK8sVersion
	if v, at, ok := k8sVersion(t); ok {
		version = v
		c.Claim(at, at+1)
	} else {
		c.Assume("aws_eks_cluster."+LocalName(name)+".version", "no Kubernetes version named: using %s", version)
	}
	role := c.ServiceRole(LocalName(name)+"_cluster", "eks.amazonaws.com", ManagedPolicyARN("AmazonEKSClusterPolicy"))
	r := spec.Resource{Type: "aws_eks_cluster", Name: name}
	r.Body.Set("name", spec.String(ResourceName(name, 100)))
	r.Body.Set("version", spec.String(version))
	r.Body.Set("role_arn", spec.RefTo(role, "arn"))
	vc := r.Body.AddBlock("vpc_config")
	vc.Set("subnet_ids", eksSubnets(c, false))
	r.DependsOn = []spec.Address{{Type: "aws_iam_role_policy_attachment", Name: role.Name}}
	cluster := c.Add(r)
	c.Understand("EKS cluster %s (Kubernetes %s)", name, version)
	if t.Has("node", "nodes", "worker", "workers", "nodegroup", "nodegroups", "node-group") || len(t.ClassesWithPrefix("")) > 0 {
		a.eksNodeGroup(c, cluster, name)
	}
	if t.Has("fargate") {
		a.eksFargate(c, cluster, name)
	}
}

// k8sVersion reads "EKS 1.30", "version 1.29", "Kubernetes v1.31".
func k8sVersion(t *Text) (string, int, bool) {
	for i := 0; i < t.Len(); i++ {
		if k8sVersionRe.MatchString(t.Norm(i)) {
			v := t.Norm(i)
			if v[0] == 'v' {
				v = v[1:]
			}
			return v, i, true
		}
	}
	return "", -1, false
}

// eksSubnets returns the cluster's or nodes' subnets: private ones of the
// new VPC when asked (or always for nodes and pods), else all of them, else
// the default VPC's.
func eksSubnets(c *Ctx, privateOnly bool) spec.Value {
	if c.Net == nil {
		return appSubnets(c, false)
	}
	if privateOnly && len(c.Net.Private) > 0 {
		return SubnetRefs(c.Net.Private)
	}
	return SubnetRefs(append(append([]spec.Address{}, c.Net.Private...), c.Net.Public...))
}

// eksNodeType is an instance type named for the nodes, with its count.
type eksNodeType struct {
	typ   string
	count int // 0 when unsaid
}

// eksNodeGroup adds managed node groups: one for "3 t3.large nodes (min 2,
// max 5)" or "m5.xlarge, 3 to 6 nodes"; one per instance type when the
// prompt asks for several groups ("two node groups: t3.large x2 and one
// g4dn.xlarge GPU node").
func (a *appState) eksNodeGroup(c *Ctx, cluster spec.Address, name string) {
	t := c.T
	role := c.ServiceRole(LocalName(name)+"_node", "ec2.amazonaws.com",
		ManagedPolicyARN("AmazonEKSWorkerNodePolicy"), ManagedPolicyARN("AmazonEKS_CNI_Policy"),
		ManagedPolicyARN("AmazonEC2ContainerRegistryReadOnly"))
	var types []eksNodeType
	for _, it := range t.ClassesWithPrefix("") {
		if c.Claimed(it.At) {
			continue // an EC2 instance's type ("plus a t3.micro bastion")
		}
		n := t.CountBefore(it.At, 2)
		if n == 0 {
			n = countAfter(c, it.At)
		}
		types = append(types, eksNodeType{it.Value, n})
		c.Claim(it.At, it.At+1)
	}
	if len(types) == 0 {
		types = []eksNodeType{{typ: "t3.medium"}}
		c.Assume("aws_eks_node_group.instance_types", "no instance type named for the nodes: using t3.medium")
	}
	if len(types) > 1 && eksSeveralGroups(t) {
		for _, nt := range types {
			a.addNodeGroup(c, cluster, role, name+"-"+nt.typ, []string{nt.typ}, nt.count, false)
		}
	} else {
		var typs []string
		for _, nt := range types {
			typs = append(typs, nt.typ)
		}
		a.addNodeGroup(c, cluster, role, name+"-nodes", typs, types[0].count, true)
	}
	c.claimWords("node", "nodes", "worker", "workers", "group", "groups", "nodegroup", "nodegroups", "managed")
}

// eksSeveralGroups reports whether the prompt asks for more than one node
// group ("two node groups", "separate nodegroups").
func eksSeveralGroups(t *Text) bool {
	for _, k := range t.FindAll("groups", "nodegroups", "pools") {
		if t.Norm(k) == "groups" && !t.Is(k-1, "node", "worker") {
			continue
		}
		return true
	}
	return false
}

// addNodeGroup adds one managed node group of desired nodes; a scaling range
// said in the prompt ("min 2, max 5", "3 to 6 nodes") applies when ranged.
func (a *appState) addNodeGroup(c *Ctx, cluster, role spec.Address, name string, types []string, desired int, ranged bool) {
	t := c.T
	if desired == 0 {
		if k := t.Find(0, "node", "nodes", "worker", "workers"); k >= 0 && ranged {
			desired = t.CountBefore(k, 3)
		}
	}
	lo, hi, ok := t.ScaleRange()
	ok = ok && ranged
	switch {
	case ok && desired == 0:
		desired = lo
	case !ok && desired > 0:
		lo, hi = desired, desired
	case !ok:
		desired, lo, hi = 2, 1, 3
		c.Assume("aws_eks_node_group.scaling_config", "no node count named for %s: 2 nodes, scaling between 1 and 3", name)
	}
	desired = clampInt(desired, lo, hi)
	ng := spec.Resource{Type: "aws_eks_node_group", Name: LocalName(name)}
	ng.Body.Set("cluster_name", spec.RefTo(cluster, "name"))
	ng.Body.Set("node_group_name", spec.String(ResourceName(name, 63)))
	ng.Body.Set("node_role_arn", spec.RefTo(role, "arn"))
	ng.Body.Set("subnet_ids", eksSubnets(c, true))
	ng.Body.Set("instance_types", spec.Strings(types...))
	sc := ng.Body.AddBlock("scaling_config")
	sc.Set("desired_size", spec.Int(desired))
	sc.Set("min_size", spec.Int(lo))
	sc.Set("max_size", spec.Int(hi))
	ng.DependsOn = []spec.Address{{Type: "aws_iam_role_policy_attachment", Name: role.Name}}
	c.Add(ng)
	c.Understand("EKS managed node group: %d × %v (min %d, max %d)", desired, types, lo, hi)
}

// eksFargate adds a Fargate profile for the namespace named ("pods in the
// 'jobs' namespace on Fargate").
func (a *appState) eksFargate(c *Ctx, cluster spec.Address, name string) {
	t := c.T
	ns := "default"
	if k := t.Find(0, "namespace", "namespaces"); k >= 0 {
		if n, at, ok := t.NameNear(k, true); ok {
			ns = n
			c.Claim(at, at+1)
		} else if k > 0 && !t.Is(k-1, fillerWords...) {
			ns = t.Raw(k - 1)
		}
		c.Claim(k, k+1)
	} else {
		c.Assume("aws_eks_fargate_profile.selector", "pods of the default namespace run on Fargate")
	}
	role := c.ServiceRole(LocalName(name)+"_pods", "eks-fargate-pods.amazonaws.com",
		ManagedPolicyARN("AmazonEKSFargatePodExecutionRolePolicy"))
	fp := spec.Resource{Type: "aws_eks_fargate_profile", Name: LocalName(ns)}
	fp.Body.Set("cluster_name", spec.RefTo(cluster, "name"))
	fp.Body.Set("fargate_profile_name", spec.String(ResourceName(ns, 100)))
	fp.Body.Set("pod_execution_role_arn", spec.RefTo(role, "arn"))
	fp.Body.Set("subnet_ids", eksSubnets(c, true))
	fp.Body.AddBlock("selector").Set("namespace", spec.String(ns))
	c.Add(fp)
	c.claimWords("fargate", "profile", "pods")
	c.Understand("Fargate profile running namespace %s", ns)
}
