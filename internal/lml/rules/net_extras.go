package rules

import (
	"net/netip"
	"strings"

	"github.com/syncloud/syncloud/internal/spec"
)

// logRetentionDays are the values CloudWatch Logs accepts for retention.
var logRetentionDays = []int{1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653}

// retentionAtLeast rounds days up to a value CloudWatch Logs accepts.
func retentionAtLeast(days int) int {
	for _, d := range logRetentionDays {
		if d >= days {
			return d
		}
	}
	return logRetentionDays[len(logRetentionDays)-1]
}

// declareFlowLogs adds VPC flow logs to CloudWatch Logs (with a role that
// may write there) or to a new S3 bucket.
func declareFlowLogs(c *Ctx) {
	t := c.T
	k := t.Phrase(0, "flow log|logs|logging")
	if k < 0 {
		if k = t.Find(0, "flowlogs", "flowlog"); k < 0 {
			return
		}
	}
	c.Claim(k, k+2)
	traffic := "ALL"
	switch {
	case t.Has("rejected", "reject", "denied"):
		traffic = "REJECT"
	case t.Has("accepted") && !t.Has("rejected"):
		traffic = "ACCEPT"
	}
	fl := spec.Resource{Type: "aws_flow_log", Name: "vpc"}
	fl.Body.Set("vpc_id", spec.RefTo(c.Net.VPC, "id"))
	fl.Body.Set("traffic_type", spec.String(traffic))
	_, end := t.Clause(k)
	if s := t.Find(k, "s3", "bucket"); s >= 0 && s < end+3 {
		c.Claim(s, s+1)
		flowLogsToS3(c, fl, traffic)
		return
	}
	group := "/aws/vpc/flow-logs/" + ResourceName(c.Net.VPC.Name, 64)
	lg := spec.Resource{Type: "aws_cloudwatch_log_group", Name: "flow_logs"}
	lg.Body.Set("name", spec.String(group))
	if d, ok := Nearest(t.Durations(), k, 14); ok {
		c.Claim(d.At, d.At+2)
		lg.Body.Set("retention_in_days", spec.Int(retentionAtLeast(Days(d.Value))))
	}
	lga := c.Add(lg)
	role := flowLogRole(c, group)
	fl.Body.Set("log_destination_type", spec.String("cloud-watch-logs"))
	fl.Body.Set("log_destination", spec.RefTo(lga, "arn"))
	fl.Body.Set("iam_role_arn", spec.RefTo(role, "arn"))
	c.Add(fl)
	c.Understand("VPC flow logs (%s traffic) to CloudWatch Logs group %s", traffic, group)
}

// flowLogsToS3 sends the flow logs to a new bucket.
func flowLogsToS3(c *Ctx, fl spec.Resource, traffic string) {
	b := spec.Resource{Type: "aws_s3_bucket", Name: "flow_logs"}
	b.Body.Set("bucket_prefix", spec.String("vpc-flow-logs-"))
	ba := c.Add(b)
	fl.Body.Set("log_destination_type", spec.String("s3"))
	fl.Body.Set("log_destination", spec.RefTo(ba, "arn"))
	c.Add(fl)
	c.Understand("VPC flow logs (%s traffic) to a new S3 bucket", traffic)
}

// flowLogRole adds the role VPC Flow Logs assumes to write to the group.
func flowLogRole(c *Ctx, group string) spec.Address {
	role := c.ServiceRole("flow_logs", "vpc-flow-logs.amazonaws.com")
	arn := "arn:aws:logs:" + c.Region() + ":*:log-group:" + group
	doc := c.PolicyDocument("flow_logs_write", Statement{
		Actions:   []string{"logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"},
		Resources: []spec.Value{spec.String(arn), spec.String(arn + ":*")},
	})
	p := spec.Resource{Type: "aws_iam_role_policy", Name: "flow_logs"}
	p.Body.Set("name", spec.String("write-flow-logs"))
	p.Body.Set("role", spec.RefTo(role, "id"))
	p.Body.Set("policy", spec.RefTo(doc, "json"))
	c.Add(p)
	return role
}

// endpointServices maps words to VPC endpoint service suffixes. S3 and
// DynamoDB are gateway endpoints unless the prompt says "interface".
var endpointServices = []struct{ word, service string }{
	{"s3", "s3"}, {"dynamodb", "dynamodb"}, {"ssm", "ssm"}, {"ssmmessages", "ssmmessages"},
	{"ec2messages", "ec2messages"}, {"ec2", "ec2"}, {"ecr", "ecr.api"}, {"ecr", "ecr.dkr"},
	{"logs", "logs"}, {"cloudwatch", "logs"}, {"secretsmanager", "secretsmanager"}, {"secrets", "secretsmanager"},
	{"sts", "sts"}, {"kms", "kms"}, {"sqs", "sqs"}, {"sns", "sns"}, {"lambda", "lambda"},
	{"execute-api", "execute-api"}, {"monitoring", "monitoring"}, {"events", "events"}, {"eventbridge", "events"},
	{"kinesis", "kinesis-streams"}, {"ecs", "ecs"}, {"glue", "glue"}, {"athena", "athena"},
}

// declareEndpoints adds the VPC endpoints the prompt names.
func declareEndpoints(c *Ctx) {
	t := c.T
	done := map[string]bool{}
	for _, k := range t.FindAll("endpoint", "endpoints") {
		from, _ := t.Clause(k)
		from = max(from, k-8)
		to := endpointListEnd(t, k)
		iface := t.Is(k-1, "interface") || t.Is(k-2, "interface") || t.HasPhrase("privatelink", "private link")
		for j := from; j < to; j++ {
			if w := t.Norm(j); (w == "ssm" || w == "ec2") && t.Is(j+1, "messages") {
				addEndpointOnce(c, done, w+"messages", iface)
				c.Claim(j, j+2)
				j++
				continue
			}
			for _, es := range endpointServices {
				if t.Norm(j) == es.word {
					addEndpointOnce(c, done, es.service, iface)
					c.Claim(j, j+1)
				}
			}
		}
		c.Claim(k, k+1)
	}
}

// endpointListEnd returns where the list of services after the word
// "endpoints" at k ends: "endpoints for SSM, SSM messages and EC2 messages".
func endpointListEnd(t *Text, k int) int {
	_, end := t.Clause(k)
	j := k + 1
	for ; j < t.Len(); j++ {
		known := t.Is(j, "for", "to", "and", "or", "plus", "the", "messages", "interface", "gateway", "endpoint", "endpoints", "api", "dkr")
		for _, es := range endpointServices {
			known = known || t.Norm(j) == es.word
		}
		if !known {
			break
		}
	}
	return max(end, j)
}

func addEndpointOnce(c *Ctx, done map[string]bool, service string, iface bool) {
	if !done[service] {
		done[service] = true
		addEndpoint(c, service, iface)
	}
}

// addEndpoint adds one gateway or interface endpoint.
func addEndpoint(c *Ctx, service string, iface bool) {
	gateway := (service == "s3" || service == "dynamodb") && !iface
	r := spec.Resource{Type: "aws_vpc_endpoint", Name: strings.NewReplacer(".", "_", "-", "_").Replace(service)}
	r.Body.Set("vpc_id", spec.RefTo(c.Net.VPC, "id"))
	r.Body.Set("service_name", spec.String("com.amazonaws."+c.Region()+"."+service))
	if gateway {
		r.Body.Set("vpc_endpoint_type", spec.String("Gateway"))
		r.Body.Set("route_table_ids", endpointRouteTables(c))
		c.Add(r)
		c.Understand("%s gateway endpoint", service)
		return
	}
	r.Body.Set("vpc_endpoint_type", spec.String("Interface"))
	r.Body.Set("private_dns_enabled", spec.Bool(true))
	subs := c.Net.Private
	if len(subs) == 0 {
		subs = c.Net.Public
	}
	if len(subs) > 0 {
		r.Body.Set("subnet_ids", SubnetRefs(subs))
	}
	sg := endpointSG(c)
	r.Body.Set("security_group_ids", spec.List(spec.RefTo(sg, "id")))
	c.Add(r)
	c.Understand("%s interface endpoint with private DNS", service)
}

// endpointRouteTables returns the route tables a gateway endpoint serves:
// the VPC's main route table when the prompt says so or none was built,
// else every route table of the VPC.
func endpointRouteTables(c *Ctx) spec.Value {
	rts := c.Addrs("aws_route_table")
	if c.T.HasPhrase("main route table") || len(rts) == 0 {
		return spec.List(spec.RefTo(c.Net.VPC, "main_route_table_id"))
	}
	return Refs(rts, "id")
}

// endpointSG returns the security group of interface endpoints: HTTPS from
// inside the VPC. It is shared by every interface endpoint.
func endpointSG(c *Ctx) spec.Address {
	a := spec.Address{Type: "aws_security_group", Name: "endpoints"}
	if c.Stack.Find(a) != nil {
		return a
	}
	sg := newSG(c, "endpoints", "HTTPS from inside the VPC to the interface endpoints")
	sg.rules = append(sg.rules, sgRule{from: 443, to: 443, proto: "tcp", source: sgSource{vpc: true}})
	return sg.emit(c)
}

// declarePeering peers the new VPC with a second VPC, new (from a second
// CIDR) or existing (a vpc-... ID), and routes between them.
func declarePeering(c *Ctx) {
	t := c.T
	k := t.Find(0, "peering", "peered", "peer")
	if k < 0 {
		return
	}
	c.Claim(k, k+1)
	pc := spec.Resource{Type: "aws_vpc_peering_connection", Name: "peer"}
	pc.Body.Set("vpc_id", spec.RefTo(c.Net.VPC, "id"))
	if id := existingVPCID(c); id != "" {
		pc.Body.Set("peer_vpc_id", spec.String(id))
		c.Add(pc)
		c.Understand("VPC peering with %s (to be accepted by its owner)", id)
		return
	}
	peerCIDR := peerVPCCIDR(c)
	peer := spec.Resource{Type: "aws_vpc", Name: "peer"}
	peer.Body.Set("cidr_block", spec.String(peerCIDR))
	SetTag(&peer, "Name", "peer")
	pa := c.Add(peer)
	pc.Body.Set("peer_vpc_id", spec.RefTo(pa, "id"))
	pc.Body.Set("auto_accept", spec.Bool(true))
	pca := c.Add(pc)
	mainCIDR, _ := c.Res(c.Net.VPC).Body.Get("cidr_block")
	for _, rt := range append(c.Addrs("aws_route_table"), spec.Address{}) {
		r := spec.Resource{Type: "aws_route", Name: "to_peer"}
		if rt.Type == "" {
			r.Name = "from_peer"
			r.Body.Set("route_table_id", spec.RefTo(pa, "main_route_table_id"))
			r.Body.Set("destination_cidr_block", mainCIDR)
		} else {
			r.Body.Set("route_table_id", spec.RefTo(rt, "id"))
			r.Body.Set("destination_cidr_block", spec.String(peerCIDR))
		}
		r.Body.Set("vpc_peering_connection_id", spec.RefTo(pca, "id"))
		c.Add(r)
	}
	c.Understand("second VPC %s peered with the first, with routes both ways", peerCIDR)
}

// existingVPCID returns a vpc-... ID the prompt names, or "".
func existingVPCID(c *Ctx) string {
	for i := 0; i < c.T.Len(); i++ {
		if n := c.T.Norm(i); strings.HasPrefix(n, "vpc-") && len(n) >= 12 {
			c.Claim(i, i+1)
			return n
		}
	}
	return ""
}

// peerVPCCIDR returns the second VPC's block: a CIDR in the prompt that does
// not overlap the first, or the next free 10.x.0.0/16.
func peerVPCCIDR(c *Ctx) string {
	v, _ := c.Res(c.Net.VPC).Body.Get("cidr_block")
	mainP := netip.MustParsePrefix(v.Str)
	for _, l := range c.T.CIDRs() {
		p := netip.MustParsePrefix(l.Value)
		if p.Bits() > 0 && p.Bits() <= 24 && !p.Overlaps(mainP) {
			c.Claim(l.At, l.At+1)
			return p.String()
		}
	}
	for n := 1; n < 255; n++ {
		p := netip.PrefixFrom(netip.AddrFrom4([4]byte{10, byte(n), 0, 0}), 16)
		if !p.Overlaps(mainP) {
			c.Assume("aws_vpc.peer.cidr_block", "the peer VPC's CIDR was not named: using %s", p)
			return p.String()
		}
	}
	return "172.31.0.0/16"
}
