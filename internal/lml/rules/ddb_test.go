package rules

import "testing"

func TestDynamoDBTables(t *testing.T) {
	runStackCases(t, []stackCase{
		{"create a dynamo table called Events with pk eventId (S), sk ts (N), 10 RCU and 10 WCU, and a TTL on expireAt", []want{
			{"aws_dynamodb_table", map[string]string{"name": "Events", "hash_key": "eventId", "range_key": "ts",
				"attribute.type": "N", "billing_mode": "PROVISIONED", "read_capacity": "10", "write_capacity": "10",
				"ttl.attribute_name": "expireAt"}, 1},
		}},
		{"DynamoDB table keyed by email, with point in time recovery and deletion protection", []want{
			{"aws_dynamodb_table", map[string]string{"hash_key": "email", "billing_mode": "PAY_PER_REQUEST",
				"point_in_time_recovery.enabled": "true", "deletion_protection_enabled": "true"}, 1},
		}},
		{"lock table for terraform in dynamodb", []want{
			{"aws_dynamodb_table", map[string]string{"hash_key": "LockID", "attribute.name": "LockID", "attribute.type": "S"}, 1},
		}},
		{"a DynamoDB table 'invoices' with hash key invoiceId and an index named by-customer keyed on customerId", []want{
			{"aws_dynamodb_table", map[string]string{"name": "invoices", "global_secondary_index.name": "by-customer",
				"global_secondary_index.hash_key": "customerId", "attribute.name": "customerId"}, 1},
		}},
		{"in us-east-1, a dynamodb global table 'prefs' replicated into eu-west-2 and ap-southeast-2", []want{
			{"aws_dynamodb_table", map[string]string{"replica.region_name": "eu-west-2", "stream_enabled": "true"}, 1},
			{"aws_dynamodb_table", map[string]string{"replica.region_name": "ap-southeast-2"}, 1},
		}},
		{"dynamodb table for archived orders in the infrequent access table class", []want{
			{"aws_dynamodb_table", map[string]string{"name": "archived-orders", "table_class": "STANDARD_INFREQUENT_ACCESS"}, 1},
		}},
		{"DynamoDB table 'customers' with a numeric partition key customerId, items expire via the ttl attribute expires_at", []want{
			{"aws_dynamodb_table", map[string]string{"hash_key": "customerId", "attribute.type": "N", "ttl.attribute_name": "expires_at"}, 1},
		}},
		{"a dynamo table carts keyed by cartId with ttl on expiry", []want{
			{"aws_dynamodb_table", map[string]string{"name": "carts", "hash_key": "cartId", "ttl.attribute_name": "expiry", "ttl.enabled": "true"}, 1},
		}},
		{"sessions table keyed by sid, expire items using valid_until", []want{
			{"aws_dynamodb_table", map[string]string{"hash_key": "sid", "ttl.attribute_name": "valid_until"}, 1},
		}},
		{"products table with hash key sku and a GSI named status-index with partition key status (string)", []want{
			{"aws_dynamodb_table", map[string]string{"hash_key": "sku", "global_secondary_index.name": "status-index",
				"global_secondary_index.hash_key": "status", "attribute.name": "status"}, 1},
		}},
		{"DynamoDB global table 'sessions' with replicas in us-west-2 and eu-central-1", []want{
			{"aws_dynamodb_table", map[string]string{"replica.region_name": "us-west-2"}, 1},
			{"aws_dynamodb_table", map[string]string{"replica.region_name": "eu-central-1"}, 1},
		}},
		{"dynamo db table named carts keyed on cartId, provisioned with 15 read capacity units and 5 write capacity units", []want{
			{"aws_dynamodb_table", map[string]string{"name": "carts", "hash_key": "cartId", "read_capacity": "15",
				"write_capacity": "5"}, 1},
		}},
		{"a NoSQL database for user sessions", []want{
			{"aws_dynamodb_table", map[string]string{"name": "user-sessions", "billing_mode": "PAY_PER_REQUEST"}, 1},
		}},
		{"single-table design: dynamodb table app with partition key PK and sort key SK, both strings", []want{
			{"aws_dynamodb_table", map[string]string{"hash_key": "PK", "range_key": "SK", "attribute.name": "SK"}, 1},
		}},
		{"a route table for the public subnets", []want{{"aws_dynamodb_table", nil, 0}}},
	})
}

func TestDynamoDBTTLAttributeNamedLikeItsRole(t *testing.T) {
	runStackCases(t, []stackCase{
		{"carts table keyed by cartId; rows should expire based on the ttl field", []want{
			{"aws_dynamodb_table", map[string]string{"hash_key": "cartId", "ttl.attribute_name": "ttl", "ttl.enabled": "true"}, 1},
		}},
	})
}

func TestDynamoDBIndexSortKey(t *testing.T) {
	runStackCases(t, []stackCase{
		{"table tickets keyed by ticketId, with an index named by-queue on queueName and range key openedAt (number)", []want{
			{"aws_dynamodb_table", map[string]string{"global_secondary_index.name": "by-queue", "global_secondary_index.hash_key": "queueName",
				"global_secondary_index.range_key": "openedAt", "attribute.name": "openedAt", "attribute.type": "N"}, 1},
		}},
	})
}

func TestDynamoDBTableLists(t *testing.T) {
	runStackCases(t, []stackCase{
		{"three DynamoDB tables: users, orders and products, all on-demand", []want{
			{"aws_dynamodb_table", map[string]string{"name": "users", "billing_mode": "PAY_PER_REQUEST"}, 1},
			{"aws_dynamodb_table", map[string]string{"name": "products"}, 1},
			{"aws_dynamodb_table", nil, 3},
		}},
	})
}

func TestDynamoDBAutoscaling(t *testing.T) {
	runStackCases(t, []stackCase{
		{"dynamodb table metrics keyed by id, provisioned 10 read and 5 write units, reads auto scaling up to 200", []want{
			{"aws_dynamodb_table", map[string]string{"name": "metrics", "read_capacity": "10"}, 1},
			{"aws_appautoscaling_target", map[string]string{"resource_id": "table/metrics", "min_capacity": "10",
				"max_capacity": "200", "scalable_dimension": "dynamodb:table:ReadCapacityUnits"}, 1},
			{"aws_appautoscaling_target", nil, 1},
			{"aws_appautoscaling_policy", map[string]string{"policy_type": "TargetTrackingScaling",
				"target_tracking_scaling_policy_configuration.predefined_metric_specification.predefined_metric_type": "DynamoDBReadCapacityUtilization"}, 1},
		}},
		{"on-demand dynamodb table with autoscaling", []want{{"aws_appautoscaling_target", nil, 0}}},
		{"provisioned table scores keyed on playerId, write and read throughput auto-scaling from 2 to 40", []want{
			{"aws_appautoscaling_target", map[string]string{"min_capacity": "2", "max_capacity": "40"}, 2},
			{"aws_appautoscaling_policy", nil, 2},
		}},
	})
}
