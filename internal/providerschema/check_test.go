package providerschema

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/syncloud/syncloud/internal/spec"
)

func stackOf(rs ...spec.Resource) *spec.Stack {
	return &spec.Stack{Region: "us-east-1", Resources: rs}
}

func res(typ, name string, attrs []spec.Attr, blocks ...spec.Block) spec.Resource {
	return spec.Resource{Type: typ, Name: name, Body: spec.Body{Attrs: attrs, Blocks: blocks}}
}

func attr(name string, v spec.Value) spec.Attr { return spec.Attr{Name: name, Value: v} }

func block(typ string, attrs ...spec.Attr) spec.Block {
	return spec.Block{Type: typ, Body: spec.Body{Attrs: attrs}}
}

var vpcRef = spec.RefTo(spec.Address{Type: "aws_vpc", Name: "main"}, "id")

func TestCheck(t *testing.T) {
	ingress := block("ingress", attr("from_port", spec.Int(443)), attr("to_port", spec.String("443")),
		attr("protocol", spec.String("tcp")), attr("cidr_blocks", spec.Strings("0.0.0.0/0")))
	tests := []struct {
		name  string
		stack *spec.Stack
		want  []string
	}{
		{"valid instance with nested block", stackOf(res("aws_instance", "web",
			[]spec.Attr{attr("ami", spec.String("ami-123")), attr("instance_type", spec.String("t3.micro")),
				attr("tags", spec.StringMap(map[string]string{"Name": "web"}))},
			block("root_block_device", attr("volume_size", spec.Int(20)), attr("encrypted", spec.Bool(true))))),
			nil},
		{"unknown resource type", stackOf(res("aws_instanc", "web", nil)),
			[]string{`error: aws_instanc.web: the AWS provider has no resource type "aws_instanc" (did you mean "aws_instance"?)`}},
		{"unknown data source type", &spec.Stack{Resources: []spec.Resource{{Mode: spec.Data, Type: "aws_nope_at_all", Name: "x"}}},
			[]string{`error: data.aws_nope_at_all.x: the AWS provider has no data source type "aws_nope_at_all"`}},
		{"invented attribute", stackOf(res("aws_vpc", "main", []spec.Attr{
			attr("cidr_block", spec.String("10.0.0.0/16")), attr("cidr_blocks", spec.String("10.0.0.0/16")),
			attr("colour", spec.String("blue"))})),
			[]string{`error: aws_vpc.main.cidr_blocks: unsupported attribute "cidr_blocks" (did you mean "cidr_block"?)`,
				`error: aws_vpc.main.colour: unsupported attribute "colour"`}},
		{"computed-only attribute", stackOf(res("aws_vpc", "main", []spec.Attr{attr("arn", spec.String("x"))})),
			[]string{`error: aws_vpc.main.arn: "arn" is computed by the provider and cannot be set`}},
		{"optional and computed id is settable", stackOf(res("aws_vpc", "main", []spec.Attr{attr("id", spec.String("x"))})),
			nil},
		{"missing required attribute", stackOf(res("aws_subnet", "a", nil)),
			[]string{`error: aws_subnet.a.vpc_id: required attribute "vpc_id" is missing`}},
		{"missing required block", stackOf(res("aws_autoscaling_policy", "p",
			[]spec.Attr{attr("autoscaling_group_name", spec.String("g")), attr("name", spec.String("p"))},
			spec.Block{Type: "target_tracking_configuration"})),
			[]string{`error: aws_autoscaling_policy.p.target_tracking_configuration.target_value: required attribute "target_value" is missing`}},
		{"wrong kinds", stackOf(res("aws_instance", "web", []spec.Attr{
			attr("ami", spec.Strings("a")), attr("monitoring", spec.String("yes")),
			attr("cpu_core_count", spec.String("four")), attr("tags", spec.Strings("x")),
			attr("vpc_security_group_ids", spec.String("sg-1"))})),
			[]string{`error: aws_instance.web.ami: want string, got list`,
				`error: aws_instance.web.monitoring: want bool, got string`,
				`error: aws_instance.web.cpu_core_count: want number, got string`,
				`error: aws_instance.web.tags: want map of string, got list`,
				`error: aws_instance.web.vpc_security_group_ids: want set of string, got string`}},
		{"conversions and refs accepted", stackOf(res("aws_instance", "web", []spec.Attr{
			attr("ami", vpcRef), attr("instance_type", spec.Number(3)), attr("monitoring", spec.String("true")),
			attr("cpu_core_count", spec.String("4")), attr("vpc_security_group_ids", spec.List(vpcRef)),
			attr("user_data", spec.Null())})),
			nil},
		{"JSON-encoded value is a string", stackOf(res("aws_sqs_queue", "q", []spec.Attr{
			attr("redrive_policy", spec.JSON(spec.Map(map[string]spec.Value{"deadLetterTargetArn": vpcRef})))})),
			nil},
		{"attribute as block accepted", stackOf(res("aws_security_group", "web",
			[]spec.Attr{attr("vpc_id", vpcRef)}, ingress, ingress,
			block("egress", attr("from_port", spec.Int(0)), attr("to_port", spec.Int(0)), attr("protocol", spec.String("-1"))))),
			nil},
		{"attribute as block checked", stackOf(res("aws_security_group", "web", nil,
			block("ingress", attr("from_port", spec.String("https")), attr("port", spec.Int(1))))),
			[]string{`error: aws_security_group.web.ingress.from_port: want number, got string`,
				`error: aws_security_group.web.ingress.port: unsupported attribute "port" (did you mean "to_port"?)`}},
		{"block written as attribute", stackOf(res("aws_instance", "web", []spec.Attr{
			attr("root_block_device", spec.Map(map[string]spec.Value{"volume_size": spec.Int(8)}))})),
			[]string{`error: aws_instance.web.root_block_device: "root_block_device" is a nested block, not an attribute`}},
		{"too many single-item blocks", stackOf(res("aws_instance", "web", nil,
			block("root_block_device"), block("root_block_device"))),
			[]string{`error: aws_instance.web.root_block_device: at most 1 block(s) allowed, 2 given`}},
		{"attribute of object type needs every attribute", stackOf(res("aws_route_table", "rt", []spec.Attr{attr("vpc_id", vpcRef),
			attr("route", spec.List(spec.Map(map[string]spec.Value{"cidr_block": spec.String("0.0.0.0/0"),
				"gateway_id": vpcRef, "carrier_gateway_id": spec.Null(), "core_network_arn": spec.Null(),
				"destination_prefix_list_id": spec.Null(), "egress_only_gateway_id": spec.Null(),
				"ipv6_cidr_block": spec.Null(), "local_gateway_id": spec.Null(), "nat_gateway_id": spec.Null(),
				"network_interface_id": spec.Null(), "transit_gateway_id": spec.Null()})))})),
			[]string{"error: aws_route_table.rt.route.0: an object of this type needs every attribute, null where unused; " +
				"missing: vpc_endpoint_id, vpc_peering_connection_id"}},
		{"plain attribute as block", stackOf(res("aws_vpc", "main", nil, block("cidr_block"))),
			[]string{`error: aws_vpc.main.cidr_block: "cidr_block" is an attribute of type string, not a block`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, d := range Check(tt.stack) {
				got = append(got, d.String())
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Check diagnostics (-want +got):\n%s", diff)
			}
		})
	}
}
