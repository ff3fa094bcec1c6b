package policy

import (
	"testing"

	"github.com/syncloud/syncloud/internal/spec"
)

func TestServerlessAndContainers(t *testing.T) {
	api := spec.RefTo(spec.Address{Type: "aws_apigatewayv2_api", Name: "api"}, "id")
	user := spec.RefTo(spec.Address{Type: "aws_iam_user", Name: "ci"}, "name")
	svc := func(name string, public bool) spec.Resource {
		return res("aws_ecs_service", name, attr("name", spec.String(name)),
			blk("network_configuration", attr("subnets", spec.Strings("subnet-0123456789abcdef0")),
				attr("assign_public_ip", spec.Bool(public))))
	}
	runHarden(t, []hardenCase{{
		name: "open URL, route and public tasks are kept; keys and logs advised",
		in: []spec.Resource{
			res("aws_lambda_function_url", "open", attr("function_name", spec.String("fn")),
				attr("authorization_type", spec.String("NONE"))),
			res("aws_lambda_function_url", "iam", attr("function_name", spec.String("fn")),
				attr("authorization_type", spec.String("AWS_IAM"))),
			res("aws_apigatewayv2_api", "api", attr("name", spec.String("api")), attr("protocol_type", spec.String("HTTP"))),
			res("aws_apigatewayv2_stage", "default", attr("api_id", api), attr("name", spec.String("$default"))),
			res("aws_apigatewayv2_route", "default", attr("api_id", api), attr("route_key", spec.String("$default"))),
			svc("public", true),
			svc("private", false),
			res("aws_iam_user", "ci", attr("name", spec.String("ci"))),
			res("aws_iam_access_key", "ci", attr("user", user)),
		},
		findings: Findings{
			requested("CKV_AWS_258", High, "aws_lambda_function_url.open", "authorization_type"),
			advice("CKV_AWS_76", Low, "aws_apigatewayv2_stage.default", "access_log_settings"),
			advice("CKV_AWS_309", Low, "aws_apigatewayv2_route.default", "authorization_type"),
			requested("CKV_AWS_333", Medium, "aws_ecs_service.public", "network_configuration.assign_public_ip"),
			requested("SYNCLOUD_IAM_ACCESS_KEY", Medium, "aws_iam_access_key.ci", ""),
		},
	}})
}
