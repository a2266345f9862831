variable "shared_sg_id" {
  type = string
}

resource "aws_security_group" "app" {
  name   = "app"
  vpc_id = "vpc-0a1b2c3d4e5f60718"
}

# Folded into aws_security_group.app as an ingress element.
resource "aws_security_group_rule" "app_ssh" { # expect: CG-AWS-010 aws_security_group.app
  type              = "ingress"
  security_group_id = aws_security_group.app.id
  from_port         = 22
  to_port           = 22
  protocol          = "tcp"
  cidr_blocks       = ["0.0.0.0/0"]
}

resource "aws_security_group" "jump" {
  name   = "jump"
  vpc_id = "vpc-0a1b2c3d4e5f60718"
}

# Folded into aws_security_group.jump (ip_protocol -> protocol, cidr_ipv4 -> cidr_blocks).
resource "aws_vpc_security_group_ingress_rule" "jump_rdp" { # expect: CG-AWS-010 aws_security_group.jump
  security_group_id = aws_security_group.jump.id
  ip_protocol       = "tcp"
  from_port         = 3389
  to_port           = 3389
  cidr_ipv4         = "0.0.0.0/0"
}

# Parent not in this scan: assessed as resources of their own.
resource "aws_security_group_rule" "shared_all" { # expect: CG-AWS-010 aws_security_group_rule.shared_all
  type              = "ingress"
  security_group_id = var.shared_sg_id
  from_port         = 0
  to_port           = 0
  protocol          = "all"
  ipv6_cidr_blocks  = ["::/0"]
}

resource "aws_vpc_security_group_ingress_rule" "shared_all_v6" { # expect: CG-AWS-010 aws_vpc_security_group_ingress_rule.shared_all_v6
  security_group_id = var.shared_sg_id
  ip_protocol       = "-1"
  cidr_ipv6         = "::/0"
}
