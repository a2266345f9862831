# All traffic, or every port, to the whole internet: inline, as a rule, and as
# a standalone egress rule.
resource "aws_security_group" "amf" {
  name   = "amf"
  vpc_id = "vpc-0a1b2c3d4e5f60718"

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"] # expect: CG-AWS-056 aws_security_group.amf
  }

  egress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_security_group_rule" "all_tcp_out" {
  type              = "egress"
  security_group_id = "sg-0a1b2c3d4e5f60718"
  from_port         = 0
  to_port           = 65535
  protocol          = "tcp"
  ipv6_cidr_blocks  = ["::/0"] # expect: CG-AWS-056 aws_security_group_rule.all_tcp_out
}

resource "aws_vpc_security_group_egress_rule" "anywhere" {
  security_group_id = "sg-0a1b2c3d4e5f60718"
  ip_protocol       = "-1"
  cidr_ipv4         = "0.0.0.0/0" # expect: CG-AWS-056 aws_vpc_security_group_egress_rule.anywhere
}
