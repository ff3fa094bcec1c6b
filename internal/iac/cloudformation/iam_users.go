package cloudformation

// iamUser converts aws_iam_user and folds in the user policy attachments
// that name it. force_destroy is Terraform-only behaviour.
func iamUser(c *conv) {
	c.propPairs("name", "UserName", "path", "Path", "permissions_boundary", "PermissionsBoundary")
	c.drop("force_destroy")
	managedPolicies(c, "aws_iam_user_policy_attachment", "user")
	c.tags()
}

// iamGroup converts aws_iam_group and folds in its policy attachments.
func iamGroup(c *conv) {
	c.propPairs("name", "GroupName", "path", "Path")
	managedPolicies(c, "aws_iam_group_policy_attachment", "group")
}

// managedPolicies folds the attachments of typ whose arg names this
// resource into its ManagedPolicyArns.
func managedPolicies(c *conv, typ, arg string) {
	var arns []any
	c.eachFolded(ofType(typ), func(s *conv) {
		s.drop(arg)
		if v, ok := s.get("policy_arn"); ok {
			arns = append(arns, s.value(v))
		}
	})
	if len(arns) > 0 {
		c.props["ManagedPolicyArns"] = arns
	}
}

// groupMembership converts aws_iam_group_membership into
// AWS::IAM::UserToGroupAddition; its name has no CloudFormation form.
func groupMembership(c *conv) {
	c.propPairs("group", "GroupName", "users", "Users")
	c.drop("name")
}

func accessKey(c *conv) {
	c.propPairs("user", "UserName", "status", "Status")
	if c.body.Has("pgp_key") {
		c.failf("pgp_key: CloudFormation cannot encrypt the secret key with PGP")
		c.drop("pgp_key")
	}
}

func oidcProvider(c *conv) {
	c.propPairs("url", "Url", "client_id_list", "ClientIdList", "thumbprint_list", "ThumbprintList")
	c.tags()
}
