package cloudformation

import (
	"fmt"

	"github.com/syncloud/syncloud/internal/spec"
)

// bucket converts aws_s3_bucket and folds in the split aws_s3_bucket_*
// resources that configure this bucket instance. bucket_prefix and
// force_destroy have no CloudFormation form: CloudFormation generates a
// unique name itself, and never deletes a bucket that still holds objects.
func bucket(c *conv) {
	c.propPairs("bucket", "BucketName", "object_lock_enabled", "ObjectLockEnabled")
	c.drop("bucket_prefix", "force_destroy")
	c.tags()
	folds := bucketFolds()
	c.eachFolded(func(sib *spec.Resource) bool { return folds[sib.Type] != nil }, func(s *conv) {
		s.drop("bucket", "expected_bucket_owner")
		folds[s.res.Type](s, c.props)
	})
}

// bucketFolds maps each split S3 resource type to the function that folds
// it into the bucket's properties.
func bucketFolds() map[string]func(s *conv, props map[string]any) {
	return map[string]func(s *conv, props map[string]any){
		"aws_s3_bucket_public_access_block": func(s *conv, props map[string]any) {
			s.propPairs("block_public_acls", "BlockPublicAcls", "block_public_policy", "BlockPublicPolicy",
				"ignore_public_acls", "IgnorePublicAcls", "restrict_public_buckets", "RestrictPublicBuckets")
			props["PublicAccessBlockConfiguration"] = s.props
		},
		"aws_s3_bucket_server_side_encryption_configuration": foldEncryption,
		"aws_s3_bucket_versioning":                           foldVersioning,
		"aws_s3_bucket_website_configuration":                foldWebsite,
		"aws_s3_bucket_ownership_controls": func(s *conv, props map[string]any) {
			s.nestedList("rule", "Rules", func(n *conv) { n.prop("object_ownership", "ObjectOwnership") })
			props["OwnershipControls"] = s.props
		},
		"aws_s3_bucket_lifecycle_configuration": foldLifecycle,
		"aws_s3_bucket_cors_configuration": func(s *conv, props map[string]any) {
			s.nestedList("cors_rule", "CorsRules", func(n *conv) {
				n.propPairs("id", "Id", "allowed_headers", "AllowedHeaders", "allowed_methods", "AllowedMethods",
					"allowed_origins", "AllowedOrigins", "expose_headers", "ExposedHeaders", "max_age_seconds", "MaxAge")
			})
			props["CorsConfiguration"] = s.props
		},
		"aws_s3_bucket_logging": func(s *conv, props map[string]any) {
			s.propPairs("target_bucket", "DestinationBucketName", "target_prefix", "LogFilePrefix")
			props["LoggingConfiguration"] = s.props
		},
		"aws_s3_bucket_acl":                       foldACL,
		"aws_s3_bucket_notification":              foldNotification,
		"aws_s3_bucket_replication_configuration": foldReplication,
	}
}

func foldEncryption(s *conv, props map[string]any) {
	s.nestedList("rule", "ServerSideEncryptionConfiguration", func(n *conv) {
		n.prop("bucket_key_enabled", "BucketKeyEnabled")
		n.nestedProp("apply_server_side_encryption_by_default", "ServerSideEncryptionByDefault", func(d *conv) {
			d.propPairs("sse_algorithm", "SSEAlgorithm", "kms_master_key_id", "KMSMasterKeyID")
		})
	})
	props["BucketEncryption"] = s.props
}

// foldVersioning maps the status; "Disabled" (never enabled) is
// CloudFormation's default and has no spelling there.
func foldVersioning(s *conv, props map[string]any) {
	for _, b := range s.blocks("versioning_configuration") {
		vc := s.nested("versioning_configuration", b, func(n *conv) { n.prop("status", "Status") })
		if vc["Status"] != "Disabled" {
			props["VersioningConfiguration"] = vc
		}
	}
}

func foldWebsite(s *conv, props map[string]any) {
	s.nestedProp("index_document", "IndexDocument", func(n *conv) { n.prop("suffix", "Suffix") })
	if v, ok := s.props["IndexDocument"].(map[string]any); ok {
		s.props["IndexDocument"] = v["Suffix"]
	}
	s.nestedProp("error_document", "ErrorDocument", func(n *conv) { n.prop("key", "Key") })
	if v, ok := s.props["ErrorDocument"].(map[string]any); ok {
		s.props["ErrorDocument"] = v["Key"]
	}
	s.nestedProp("redirect_all_requests_to", "RedirectAllRequestsTo", func(n *conv) {
		n.propPairs("host_name", "HostName", "protocol", "Protocol")
	})
	props["WebsiteConfiguration"] = s.props
}

func foldLifecycle(s *conv, props map[string]any) {
	s.nestedList("rule", "Rules", func(n *conv) {
		n.propPairs("id", "Id", "status", "Status")
		for _, f := range n.blocks("filter") {
			fp := n.nested("filter", f, func(m *conv) { m.prop("prefix", "Prefix") })
			if p, ok := fp["Prefix"]; ok {
				n.props["Prefix"] = p
			}
		}
		for _, e := range n.blocks("expiration") {
			ep := n.nested("expiration", e, func(m *conv) { m.prop("days", "ExpirationInDays") })
			if d, ok := ep["ExpirationInDays"]; ok {
				n.props["ExpirationInDays"] = d
			}
		}
		n.nestedProp("noncurrent_version_expiration", "NoncurrentVersionExpiration", func(m *conv) {
			m.prop("noncurrent_days", "NoncurrentDays")
		})
		n.nestedList("transition", "Transitions", func(m *conv) {
			m.propPairs("days", "TransitionInDays", "storage_class", "StorageClass")
		})
		n.nestedProp("abort_incomplete_multipart_upload", "AbortIncompleteMultipartUpload", func(m *conv) {
			m.prop("days_after_initiation", "DaysAfterInitiation")
		})
	})
	props["LifecycleConfiguration"] = s.props
}

// foldACL maps a canned ACL to the bucket's AccessControl.
func foldACL(s *conv, props map[string]any) {
	canned := map[string]string{"private": "Private", "public-read": "PublicRead",
		"public-read-write": "PublicReadWrite", "authenticated-read": "AuthenticatedRead",
		"log-delivery-write": "LogDeliveryWrite", "bucket-owner-read": "BucketOwnerRead",
		"bucket-owner-full-control": "BucketOwnerFullControl", "aws-exec-read": "AwsExecRead"}
	v, ok := s.get("acl")
	if !ok {
		return
	}
	name, known := canned[v.Str]
	if v.Kind != spec.KindString || !known {
		s.failf("acl must be a canned ACL literal")
		return
	}
	props["AccessControl"] = name
}

// foldNotification maps notification blocks to CloudFormation's
// configurations, one per event, since CloudFormation takes one event each.
func foldNotification(s *conv, props map[string]any) {
	out := map[string]any{}
	for _, kind := range [][4]string{{"lambda_function", "lambda_function_arn", "Function", "LambdaConfigurations"},
		{"queue", "queue_arn", "Queue", "QueueConfigurations"}, {"topic", "topic_arn", "Topic", "TopicConfigurations"}} {
		var configs []any
		for _, b := range s.blocks(kind[0]) {
			s.nested(kind[0], b, func(n *conv) {
				target, _ := n.get(kind[1])
				n.drop("id")
				filter := s3KeyFilter(n)
				for _, ev := range n.items("events") {
					cfg := map[string]any{kind[2]: n.value(target), "Event": n.value(ev)}
					if filter != nil {
						cfg["Filter"] = filter
					}
					configs = append(configs, cfg)
				}
			})
		}
		if len(configs) > 0 {
			out[kind[3]] = configs
		}
	}
	if v, ok := s.get("eventbridge"); ok && v.Bool {
		out["EventBridgeConfiguration"] = map[string]any{"EventBridgeEnabled": true}
	}
	props["NotificationConfiguration"] = out
}

func s3KeyFilter(n *conv) any {
	var rules []any
	for _, f := range [][2]string{{"filter_prefix", "prefix"}, {"filter_suffix", "suffix"}} {
		if v, ok := n.get(f[0]); ok {
			rules = append(rules, map[string]any{"Name": f[1], "Value": n.value(v)})
		}
	}
	if rules == nil {
		return nil
	}
	return map[string]any{"S3Key": map[string]any{"Rules": rules}}
}

// foldReplication maps a replication configuration onto the bucket.
func foldReplication(s *conv, props map[string]any) {
	s.prop("role", "Role")
	s.nestedList("rule", "Rules", func(n *conv) {
		n.propPairs("id", "Id", "status", "Status", "priority", "Priority")
		n.nestedProp("filter", "Filter", func(f *conv) { f.prop("prefix", "Prefix") })
		n.nestedProp("delete_marker_replication", "DeleteMarkerReplication", func(d *conv) { d.prop("status", "Status") })
		n.nestedProp("destination", "Destination", func(d *conv) {
			d.propPairs("bucket", "Bucket", "storage_class", "StorageClass", "account", "Account")
		})
	})
	props["ReplicationConfiguration"] = s.props
}

func bucketPolicy(c *conv) {
	c.prop("bucket", "Bucket")
	c.propWith("policy", "PolicyDocument", jsonDoc)
}

// eachFolded runs fold over every resource that want selects and that is
// folded into this resource instance, with a conv over its body.
func (c *conv) eachFolded(want func(*spec.Resource) bool, fold func(s *conv)) {
	for i := range c.r.stack.Resources {
		sib := &c.r.stack.Resources[i]
		if c.r.kinds[sib.Type].cfn != "" || !want(sib) {
			continue
		}
		parent, idx, err := c.r.foldParent(sib)
		if err != nil || parent != c.res.Addr() || idx != c.index {
			continue // a bad fold is reported by newRenderer
		}
		s := c.sub(sib.Addr().String(), &sib.Body)
		s.res = sib
		fold(s)
		s.leftovers()
		// What the folded resource waits for, its parent now waits for.
		if deps, err := c.r.dependsOn(sib); err == nil {
			for _, id := range deps {
				if id != c.id {
					c.dependOn(id)
				}
			}
		}
	}
}

// foldParent finds the resource a folded resource configures, from its
// foldInto argument: a reference to the parent (and instance).
func (r *renderer) foldParent(res *spec.Resource) (spec.Address, int, error) {
	k := r.kinds[res.Type]
	v, ok := res.Body.Get(k.foldInto)
	if !ok || v.Kind != spec.KindRef || v.Ref.To.Mode != spec.Managed || r.kinds[v.Ref.To.Type].cfn == "" {
		return spec.Address{}, 0, fmt.Errorf("%s: %s must refer to the resource it configures, so that CloudFormation can fold it in",
			res.Addr(), k.foldInto)
	}
	if res.Counted() {
		return spec.Address{}, 0, fmt.Errorf("%s: a counted %s cannot be folded into CloudFormation properties", res.Addr(), res.Type)
	}
	return v.Ref.To, v.Ref.Index, nil
}
