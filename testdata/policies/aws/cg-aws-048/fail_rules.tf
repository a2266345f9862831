variable "shared_sg_id" {
  type = string
}

resource "aws_security_group" "cache" {
  name   = "cache"
  vpc_id = "vpc-0a1b2c3d4e5f60718"
}

# Folded into aws_security_group.cache as an ingress element.
resource "aws_security_group_rule" "redis" { # expect: CG-AWS-048 aws_security_group.cache
  type              = "ingress"
  security_group_id = aws_security_group.cache.id
  from_port         = 6379
  to_port           = 6379
  protocol          = "tcp"
  cidr_blocks       = ["0.0.0.0/0"]
}

resource "aws_security_group" "files" {
  name   = "files"
  vpc_id = "vpc-0a1b2c3d4e5f60718"
}

# Folded into aws_security_group.files (ip_protocol -> protocol, cidr_ipv4 -> cidr_blocks).
resource "aws_vpc_security_group_ingress_rule" "nfs" { # expect: CG-AWS-048 aws_security_group.files
  security_group_id = aws_security_group.files.id
  ip_protocol       = "udp"
  from_port         = 2049
  to_port           = 2049
  cidr_ipv4         = "0.0.0.0/0"
}

# Parent not in this scan: assessed as resources of their own.
resource "aws_security_group_rule" "shared_ldap" { # expect: CG-AWS-048 aws_security_group_rule.shared_ldap
  type              = "ingress"
  security_group_id = var.shared_sg_id
  from_port         = 636
  to_port           = 636
  protocol          = "6"
  ipv6_cidr_blocks  = ["::/0"]
}

resource "aws_vpc_security_group_ingress_rule" "shared_all" { # expect: CG-AWS-048 aws_vpc_security_group_ingress_rule.shared_all
  security_group_id = var.shared_sg_id
  ip_protocol       = "all"
  cidr_ipv4         = "0.0.0.0/0"
}
