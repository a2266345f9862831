variable "shared_sg_id" {
  type = string
}

resource "aws_security_group" "edge" {
  name   = "edge"
  vpc_id = "vpc-0a1b2c3d4e5f60718"

  ingress { # expect: CG-AWS-049 aws_security_group.edge
    description = "Alternative HTTPS"
    from_port   = 8443
    to_port     = 8443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  ingress {
    description = "HTTPS"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  ingress { # expect: CG-AWS-049 aws_security_group.edge
    description      = "SIP over UDP, IPv6"
    from_port        = 5060
    to_port          = 5061
    protocol         = "udp"
    ipv6_cidr_blocks = ["::/0"]
  }
}

resource "aws_security_group" "media" {
  name   = "media"
  vpc_id = "vpc-0a1b2c3d4e5f60718"
}

resource "aws_vpc_security_group_ingress_rule" "rtp" { # expect: CG-AWS-049 aws_security_group.media
  security_group_id = aws_security_group.media.id
  ip_protocol       = "udp"
  from_port         = 40000
  to_port           = 49999
  cidr_ipv4         = "0.0.0.0/0"
}

# Parent not in this scan: assessed as a resource of its own.
resource "aws_security_group_rule" "shared_http_alt" { # expect: CG-AWS-049 aws_security_group_rule.shared_http_alt
  type              = "ingress"
  security_group_id = var.shared_sg_id
  from_port         = 80
  to_port           = 81
  protocol          = "tcp"
  cidr_blocks       = ["0.0.0.0/0"]
}
