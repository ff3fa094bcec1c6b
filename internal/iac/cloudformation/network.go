package cloudformation

import (
	"strconv"

	"github.com/syncloud/syncloud/internal/spec"
)

func vpc(c *conv) {
	c.propPairs("cidr_block", "CidrBlock", "enable_dns_hostnames", "EnableDnsHostnames",
		"enable_dns_support", "EnableDnsSupport", "instance_tenancy", "InstanceTenancy",
		"ipv4_ipam_pool_id", "Ipv4IpamPoolId", "ipv4_netmask_length", "Ipv4NetmaskLength")
	c.tags()
}

func subnet(c *conv) {
	c.propPairs("vpc_id", "VpcId", "cidr_block", "CidrBlock", "availability_zone", "AvailabilityZone",
		"availability_zone_id", "AvailabilityZoneId", "map_public_ip_on_launch", "MapPublicIpOnLaunch",
		"ipv6_cidr_block", "Ipv6CidrBlock", "assign_ipv6_address_on_creation", "AssignIpv6AddressOnCreation")
	c.tags()
}

// internetGateway attaches the gateway to its VPC with an extra
// AWS::EC2::VPCGatewayAttachment; references to the gateway also wait for it.
func internetGateway(c *conv) {
	c.tags()
	if v, ok := c.get("vpc_id"); ok {
		attachments := c.r.attachments[c.res.Addr()]
		inst := max(c.index, 0)
		c.add(attachments[inst], &resource{Type: "AWS::EC2::VPCGatewayAttachment", Properties: map[string]any{
			"VpcId": c.value(v), "InternetGatewayId": ref(c.id)}})
	}
}

// waitForGateways makes a resource that needs public connectivity (an
// Elastic IP, a NAT gateway) wait for the stack's internet gateway
// attachments, as CloudFormation requires.
func waitForGateways(c *conv) {
	for _, ids := range c.r.attachments {
		c.dependOn(ids...)
	}
}

func natGateway(c *conv) {
	waitForGateways(c)
	c.propPairs("allocation_id", "AllocationId", "subnet_id", "SubnetId", "connectivity_type", "ConnectivityType",
		"private_ip", "PrivateIpAddress")
	c.tags()
}

func eip(c *conv) {
	waitForGateways(c)
	c.propPairs("domain", "Domain", "instance", "InstanceId", "network_interface", "NetworkInterfaceId",
		"public_ipv4_pool", "PublicIpv4Pool")
	if v, ok := c.get("vpc"); ok && v.Kind == spec.KindBool && v.Bool { // deprecated spelling of domain = "vpc"
		c.props["Domain"] = "vpc"
	}
	c.tags()
}

// routeTargets are the destination and target arguments a route shares
// with a route table's inline route blocks.
func routeTargets(c *conv) {
	c.propPairs("destination_prefix_list_id", "DestinationPrefixListId", "gateway_id", "GatewayId",
		"nat_gateway_id", "NatGatewayId", "transit_gateway_id", "TransitGatewayId",
		"vpc_peering_connection_id", "VpcPeeringConnectionId", "network_interface_id", "NetworkInterfaceId",
		"vpc_endpoint_id", "VpcEndpointId", "egress_only_gateway_id", "EgressOnlyInternetGatewayId",
		"carrier_gateway_id", "CarrierGatewayId", "local_gateway_id", "LocalGatewayId",
		"core_network_arn", "CoreNetworkArn")
}

func route(c *conv) {
	c.propPairs("route_table_id", "RouteTableId", "destination_cidr_block", "DestinationCidrBlock",
		"destination_ipv6_cidr_block", "DestinationIpv6CidrBlock")
	routeTargets(c)
}

// routeTable writes inline route blocks as separate AWS::EC2::Route
// resources named <table>Route<n>.
func routeTable(c *conv) {
	c.prop("vpc_id", "VpcId")
	c.tags()
	for i, rb := range c.blocks("route") {
		before := len(c.root.deps)
		props := c.nested("route", rb, func(n *conv) {
			n.propPairs("cidr_block", "DestinationCidrBlock", "ipv6_cidr_block", "DestinationIpv6CidrBlock")
			routeTargets(n)
		})
		// What the route waits for (a gateway attachment) is the route's, not the table's.
		deps := mergeIDs(c.root.deps[before:], nil)
		c.root.deps = c.root.deps[:before]
		props["RouteTableId"] = ref(c.id)
		c.add(c.r.reserve(c.id+"Route"+strconv.Itoa(i)), &resource{Type: "AWS::EC2::Route", Properties: props, DependsOn: deps})
	}
}

func routeTableAssociation(c *conv) {
	c.propPairs("subnet_id", "SubnetId", "route_table_id", "RouteTableId")
}

// vpcPeering converts aws_vpc_peering_connection. Within one account and
// region CloudFormation accepts the peering itself, which is what
// auto_accept asks for.
func vpcPeering(c *conv) {
	c.propPairs("vpc_id", "VpcId", "peer_vpc_id", "PeerVpcId", "peer_owner_id", "PeerOwnerId",
		"peer_region", "PeerRegion")
	c.drop("auto_accept")
	c.tags()
}
