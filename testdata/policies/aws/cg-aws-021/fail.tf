# Restores the AWS out-of-the-box rules.
resource "aws_default_security_group" "core" {
  vpc_id = "vpc-0a1b2c3d4e5f60718"

  ingress { # expect: CG-AWS-021 aws_default_security_group.core
    protocol  = -1
    self      = true
    from_port = 0
    to_port   = 0
  }

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_default_security_group" "egress_only" {
  vpc_id = "vpc-0b1c2d3e4f5a60729"

  egress { # expect: CG-AWS-021 aws_default_security_group.egress_only
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

# No aws_default_security_group for this VPC: its default group keeps AWS's
# rules (all traffic between members, all egress).
resource "aws_vpc" "lab" { # expect: CG-AWS-021 aws_vpc.lab
  cidr_block = "10.9.0.0/16"
}
