resource "aws_default_security_group" "core" {
  vpc_id = "vpc-0a1b2c3d4e5f60718"
}

resource "aws_default_security_group" "explicit_empty" {
  vpc_id  = "vpc-0b1c2d3e4f5a60729"
  ingress = []
  egress  = []
}
