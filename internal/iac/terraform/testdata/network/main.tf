terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.100"
    }
  }
  backend "http" {
    address        = "https://syncloud.example/api/v1/state/ws-1"
    lock_address   = "https://syncloud.example/api/v1/state/ws-1/lock"
    unlock_address = "https://syncloud.example/api/v1/state/ws-1/lock"
    username       = "agent"
  }
}

provider "aws" {
  region                      = "us-east-1"
  skip_credentials_validation = true
  skip_metadata_api_check     = true
  skip_requesting_account_id  = true
  s3_use_path_style           = true
  endpoints {
    ec2 = "http://127.0.0.1:4566"
    s3  = "http://127.0.0.1:4566"
    sts = "http://127.0.0.1:4566"
  }
  assume_role {
    role_arn     = "arn:aws:iam::123456789012:role/syncloud"
    external_id  = "ext-$${id}"
    session_name = "syncloud"
  }
  default_tags {
    tags = {
      ManagedBy      = "syncloud"
      "syncloud:run" = "7"
    }
  }
  ignore_tags {
    keys = ["syncloud:run"]
  }
}

resource "aws_vpc" "main" {
  cidr_block = "10.1.0.0/16"
}

resource "aws_internet_gateway" "gw" {
  vpc_id = aws_vpc.main.id
}

resource "aws_route_table" "public" {
  vpc_id = aws_vpc.main.id
  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.gw.id
  }
  route {
    ipv6_cidr_block = "::/0"
    gateway_id      = aws_internet_gateway.gw.id
  }
  depends_on = [aws_internet_gateway.gw]
}
