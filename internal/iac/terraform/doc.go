// Package terraform renders a spec.Stack as Terraform configuration: native
// syntax (main.tf) through hclwrite, or JSON syntax (main.tf.json) through
// encoding/json.
//
// Invariants a reader must know:
//
//   - No code is built by concatenating user input. Every literal is written
//     as a value: in native syntax hclwrite quotes and escapes it, doubling
//     "${" and "%{" so they stay text; in JSON syntax, where every string is
//     a template, "${" becomes "$${" and "%{" becomes "%%{" before
//     encoding/json quotes it. Map keys are escaped the same way.
//   - The only expressions a renderer writes are references (traversals such
//     as aws_vpc.main.id, aws_subnet.a[0].id, aws_subnet.a[*].id,
//     data.aws_ami.ubuntu.id), jsonencode(...) of a spec value, and the
//     meta-arguments count (a literal number), provider (aws.<alias>) and
//     depends_on. Each is built from identifiers checked here, again, on top
//     of spec.Validate.
//   - Meta-argument names (count, for_each, provider, depends_on, lifecycle,
//     provisioner, connection) cannot be set through a Stack's attributes or
//     blocks, and "dynamic" blocks cannot be written at all.
//   - Provider settings beyond region, default tags and aliases (credentials,
//     assume_role, an emulator's endpoints, extra default tags, the "http"
//     backend) come only from Options, never from the Stack.
//   - In JSON syntax an attribute of type list-of-object written as nested
//     blocks (security group ingress, route table route) becomes a list of
//     objects that sets every attribute of the object type, as Terraform
//     requires there; the provider schema says which attributes those are.
//     In native syntax such attributes stay nested blocks with only the set
//     attributes.
//   - Output is deterministic: the same Stack and Options give the same bytes,
//     and native-syntax output is `terraform fmt` clean.
package terraform
