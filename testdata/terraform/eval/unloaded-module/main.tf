# A registry module that was not downloaded: its outputs are unknown, and
# the unknown result says so (not "known only after apply").
module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "~> 5.0"
  cidr    = "10.0.0.0/16"
}

resource "aws_security_group" "db" {
  name   = "db"
  vpc_id = module.vpc.vpc_id
}

resource "aws_vpc_security_group_ingress_rule" "ssh" {
  security_group_id = aws_security_group.db.id
  cidr_ipv4         = module.vpc.vpc_cidr_block
  from_port         = 22
  to_port           = 22
  ip_protocol       = "tcp"
}

# The same output passed into a local module: the cause goes with it.
module "sg" {
  source = "./modules/sg"
  cidr   = module.vpc.vpc_cidr_block
}
