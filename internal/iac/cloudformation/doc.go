// Package cloudformation renders a spec.Stack as an AWS CloudFormation
// template (template.json), for the curated resource types SynCloud's
// engines produce.
//
// Invariants a reader must know:
//
//   - Output is plain JSON written with encoding/json: no custom resources,
//     macros, transforms or Fn::Sub. The only intrinsic functions written
//     are Ref, Fn::GetAtt, Fn::Select, Fn::GetAZs, Fn::Join and Fn::Base64,
//     built from logical IDs derived here, never from user text. A user's
//     map key that CloudFormation would read as an intrinsic function
//     ("Ref", "Fn::...") is an error, so user data can never
//     become one.
//   - Nothing is dropped silently. A resource type, data source, argument,
//     nested block or referenced attribute without a mapping is an error
//     naming it, and so is a circular dependency. What has no CloudFormation
//     meaning is left out only where its conversion says so: Terraform-only
//     behaviour (force_destroy, apply_immediately, wait_for_*), name
//     prefixes (CloudFormation generates unique names itself), tags of the
//     few types that take none, and a default-VPC group's allow-all egress
//     rule, which AWS creates anyway.
//   - A Lambda function's local code file becomes two parameters, the S3
//     bucket and key where the deployer uploaded it.
//   - One template is one region: a resource on a provider alias is an
//     error. The stack's region is recorded in the template's Metadata.
//   - Logical IDs are CamelCase of the local name and the type without
//     "aws_" ("aws_instance.web" -> "WebInstance"), made unique in stack
//     order. A counted resource becomes one resource per instance
//     ("WebInstance0", "WebInstance1"); a splat reference becomes a list.
//   - Terraform's split S3 resources (aws_s3_bucket_versioning,
//     _public_access_block, _server_side_encryption_configuration, ...) are
//     folded into their bucket's properties, role policy attachments into
//     the role's ManagedPolicyArns, and target group attachments into the
//     target group's Targets. AMI lookups (data aws_ami) become parameters
//     of type AWS::SSM::Parameter::Value<AWS::EC2::Image::Id> reading AWS's
//     public AMI parameters; VPC and subnet lookups become AWS::EC2::VPC::Id
//     and List<AWS::EC2::Subnet::Id> parameters for the deployer to pick.
//   - Where CloudFormation needs an extra resource to say what one
//     Terraform resource says, it is added beside it with a derived logical
//     ID: the VPC attachment of an internet gateway, the launch template
//     that carries an instance's IMDS options, the routes of a route table's
//     inline route blocks, self-referencing security group rules, queue,
//     topic and secret policies.
//   - Output is deterministic: the same Stack gives the same bytes.
package cloudformation
