resource "aws_default_security_group" "core" {
  vpc_id = "vpc-0a1b2c3d4e5f60718"
}

resource "aws_default_security_group" "explicit_empty" {
  vpc_id  = "vpc-0b1c2d3e4f5a60729"
  ingress = []
  egress  = []
}

resource "aws_vpc" "core" {
  cidr_block = "10.0.0.0/16"
}

# Takes over the VPC's default group and closes it.
resource "aws_default_security_group" "core_vpc" {
  vpc_id = aws_vpc.core.id
}
