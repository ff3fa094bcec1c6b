package rules

import "testing"

func TestContainers(t *testing.T) {
	runAppCases(t, []appCase{
		{name: "cluster with insights", prompt: "an ECS cluster called workers with container insights enabled",
			want:   []appWant{{"aws_ecs_cluster", 1, map[string]string{"name": "workers", "setting.name": "containerInsights", "setting.value": "enabled"}}},
			absent: []string{"aws_ecs_service", "aws_ecs_task_definition"}},
		{name: "fargate service sizing", prompt: "run httpd on Fargate with 2 vCPU and 4 GB, three tasks",
			want: []appWant{
				{"aws_ecs_task_definition", 1, map[string]string{"cpu": "2048", "memory": "4096", "container_definitions": "~httpd:latest", "network_mode": "awsvpc"}},
				{"aws_ecs_service", 1, map[string]string{"desired_count": "3", "launch_type": "FARGATE"}},
			}},
		{name: "task only with logs", prompt: "Fargate task definition for ghcr.io/acme/worker:2.0 (512 CPU units, 1024 MiB) sending logs to CloudWatch kept 90 days",
			want: []appWant{
				{"aws_ecs_task_definition", 1, map[string]string{"cpu": "512", "memory": "1024", "container_definitions": "~awslogs"}},
				{"aws_cloudwatch_log_group", 1, map[string]string{"retention_in_days": "90"}},
			}},
		{name: "service behind alb with scaling", prompt: "ECS Fargate service for nginx behind a load balancer, scaling from 3 to 12 tasks at 60% CPU",
			want: []appWant{
				{"aws_lb_target_group", 1, map[string]string{"target_type": "ip"}},
				{"aws_ecs_service", 1, map[string]string{"load_balancer.container_port": "80", "desired_count": "3"}},
				{"aws_appautoscaling_target", 1, map[string]string{"min_capacity": "3", "max_capacity": "12"}},
				{"aws_appautoscaling_policy", 1, map[string]string{"target_tracking_scaling_policy_configuration.target_value": "60"}},
			}},
		{name: "ecr mutable with lifecycle", prompt: "container registry repository named web that keeps the last 25 images and expires untagged images after 7 days",
			want: []appWant{
				{"aws_ecr_repository", 1, map[string]string{"name": "web", "image_tag_mutability": "MUTABLE"}},
				{"aws_ecr_lifecycle_policy", 1, map[string]string{"policy": "~\"countNumber\":25"}},
			}},
		{name: "eks nodes", prompt: "kubernetes cluster on EKS v1.30 with 4 m5.large worker nodes",
			want: []appWant{
				{"aws_eks_cluster", 1, map[string]string{"version": "1.30"}},
				{"aws_eks_node_group", 1, map[string]string{"instance_types": "m5.large", "scaling_config.desired_size": "4"}},
				{"aws_iam_role", 2, nil},
			},
			absent: []string{"aws_instance"}},
		{name: "fargate spot", prompt: "a worker service on spot fargate capacity, image ghcr.io/acme/jobs:3, 6 tasks",
			want: []appWant{
				{"aws_ecs_service", 1, map[string]string{"capacity_provider_strategy.capacity_provider": "FARGATE_SPOT", "desired_count": "6"}},
				{"aws_ecs_cluster_capacity_providers", 1, map[string]string{"cluster_name": "aws_ecs_cluster.cluster.name"}},
			}},
		{name: "ecs scaling to a ceiling", prompt: "fargate service running nginx:1.27, 3 tasks, scaling out to a maximum of 9 under load",
			want: []appWant{{"aws_appautoscaling_target", 1, map[string]string{"min_capacity": "3", "max_capacity": "9"}}}},
		{name: "ecr repositories listed by name", prompt: "container registries for billing, search and web",
			want: []appWant{
				{"aws_ecr_repository", 1, map[string]string{"name": "billing"}},
				{"aws_ecr_repository", 1, map[string]string{"name": "search"}},
				{"aws_ecr_repository", 1, map[string]string{"name": "web"}},
			}},
		{name: "ecr as an endpoint's service", prompt: "vpc with private subnets and interface endpoints for ECR and S3",
			want: []appWant{{"aws_ecr_repository", 0, nil}, {"aws_vpc_endpoint", 3, nil}}},
		{name: "ecr repositories without names", prompt: "2 ECR repos with immutable tags",
			want: []appWant{
				{"aws_ecr_repository", 1, map[string]string{"name": "app-1", "image_tag_mutability": "IMMUTABLE"}},
				{"aws_ecr_repository", 1, map[string]string{"name": "app-2"}},
			}},
		{name: "eks nodes listed after a colon", prompt: "k8s on EKS (1.31); worker nodes: c6i.2xlarge x4",
			want: []appWant{
				{"aws_eks_node_group", 1, map[string]string{"instance_types": "c6i.2xlarge", "scaling_config.desired_size": "4"}},
				{"aws_instance", 0, nil},
			}},
		{name: "eks two node groups", prompt: "an EKS cluster with separate node groups: 3 m6i.large for apps, and 1 p3.2xlarge for training",
			want: []appWant{
				{"aws_eks_node_group", 1, map[string]string{"instance_types": "m6i.large", "scaling_config.desired_size": "3"}},
				{"aws_eks_node_group", 1, map[string]string{"instance_types": "p3.2xlarge", "scaling_config.desired_size": "1"}},
				{"aws_instance", 0, nil},
			}},
		{name: "eks next to a bastion", prompt: "EKS cluster with 3 m5.large nodes, plus a t3.micro bastion host",
			want: []appWant{
				{"aws_eks_node_group", 1, map[string]string{"instance_types": "m5.large"}},
				{"aws_instance", 1, map[string]string{"instance_type": "t3.micro"}},
			}},
		{name: "eks fargate namespace", prompt: "EKS 1.31 cluster with a fargate profile for namespace batch",
			want: []appWant{{"aws_eks_fargate_profile", 1, map[string]string{"selector.namespace": "batch"}}}},
	})
}
