terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0"
    }
  }
}

provider "aws" {
  region = "eu-west-1"
  default_tags {
    tags = {
      Note    = "$${file(\"x\")} and %%{if true}y%%{endif}"
      Project = "demo"
    }
  }
}

provider "aws" {
  alias  = "us_west_2"
  region = "us-west-2"
  default_tags {
    tags = {
      Note    = "$${file(\"x\")} and %%{if true}y%%{endif}"
      Project = "demo"
    }
  }
}

data "aws_ami" "ubuntu" {
  most_recent = true
  owners      = ["099720109477"]
  filter {
    name   = "name"
    values = ["ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-*"]
  }
  filter {
    name   = "virtualization-type"
    values = ["hvm"]
  }
}

resource "aws_vpc" "main" {
  cidr_block           = "10.0.0.0/16"
  enable_dns_hostnames = true
  tags = {
    Name = "main"
  }
}

resource "aws_subnet" "a" {
  count      = 2
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.0.1.0/24"
}

resource "aws_security_group" "web" {
  name        = "web"
  description = "HTTPS in, all out"
  vpc_id      = aws_vpc.main.id
  ingress {
    description = "HTTPS"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
  ingress {
    from_port   = 80
    to_port     = 80
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/16"]
  }
  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_instance" "web" {
  count                  = 3
  ami                    = data.aws_ami.ubuntu.id
  instance_type          = "t3.micro"
  subnet_id              = aws_subnet.a[0].id
  vpc_security_group_ids = [aws_security_group.web.id]
  user_data              = "#!/bin/sh\necho \"$${HOME}\" 100%%{x}\n"
  tags = {
    Name        = "web"
    "has space" = "yes"
  }
  root_block_device {
    volume_size = 20
    encrypted   = true
  }
  timeouts {
    create = "15m"
  }
}

resource "aws_lb" "web" {
  load_balancer_type = "application"
  subnets            = aws_subnet.a[*].id
  security_groups    = [aws_security_group.web.id]
}

resource "aws_sqs_queue" "dlq" {
  name = "jobs-dlq"
}

resource "aws_sqs_queue" "jobs" {
  name = "jobs"
  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.dlq.arn
    maxReceiveCount     = 5
    note                = "$${not.a.ref}"
  })
}

resource "aws_s3_bucket" "replica" {
  provider      = aws.us_west_2
  bucket_prefix = "replica-"
  depends_on    = [aws_s3_bucket.logs]
}

resource "aws_s3_bucket" "logs" {
  force_destroy = false
}
