variable "cidr" { type = string }

resource "aws_security_group" "this" {
  name = "sg"
}

resource "aws_vpc_security_group_ingress_rule" "rdp" {
  security_group_id = aws_security_group.this.id
  cidr_ipv4         = var.cidr
  from_port         = 3389
  to_port           = 3389
  ip_protocol       = "tcp"
}
