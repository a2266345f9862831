variable "vpc_cidr" {
  type    = string
  default = "10.20.0.0/16"
}

resource "aws_vpc" "main" {
  cidr_block = var.vpc_cidr
}

resource "aws_vpc" "counted" {
  count      = 1
  cidr_block = "10.30.0.0/16"
}

resource "aws_vpc" "per_instance" {
  count      = 2
  cidr_block = "10.${count.index}.0.0/16"
}

resource "aws_security_group" "db" {
  name   = "db"
  vpc_id = aws_vpc.main.id
}

# A rule from the VPC's own range: decided from the VPC's cidr_block.
resource "aws_vpc_security_group_ingress_rule" "inside" {
  security_group_id = aws_security_group.db.id
  cidr_ipv4         = aws_vpc.main.cidr_block
  from_port         = 22
  to_port           = 22
  ip_protocol       = "tcp"
}

resource "aws_vpc_security_group_ingress_rule" "counted" {
  security_group_id = aws_security_group.db.id
  cidr_ipv4         = aws_vpc.counted[0].cidr_block
  from_port         = 3389
  to_port           = 3389
  ip_protocol       = "tcp"
}

# Depends on the instance (count.index): not known here.
resource "aws_vpc_security_group_ingress_rule" "per_instance" {
  security_group_id = aws_security_group.db.id
  cidr_ipv4         = aws_vpc.per_instance[1].cidr_block
  from_port         = 22
  to_port           = 22
  ip_protocol       = "tcp"
}

# An attribute the block does not write is known only after apply.
resource "aws_vpc_security_group_ingress_rule" "computed" {
  security_group_id = aws_security_group.db.id
  cidr_ipv4         = aws_vpc.main.ipv6_cidr_block
  from_port         = 22
  to_port           = 22
  ip_protocol       = "tcp"
}

# A value written in another block that opens the world is a finding.
resource "aws_ssm_parameter" "admin_cidr" {
  name  = "/net/admin-cidr"
  type  = "String"
  value = "0.0.0.0/0"
}

resource "aws_security_group" "web" {
  name   = "web"
  vpc_id = aws_vpc.main.id
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = [aws_ssm_parameter.admin_cidr.value]
  }
}

# A cycle (Terraform rejects it) stays unknown and ends.
resource "aws_ssm_parameter" "a" {
  name  = "/cycle/a"
  type  = "String"
  value = aws_ssm_parameter.b.value
}

resource "aws_ssm_parameter" "b" {
  name  = "/cycle/b"
  type  = "String"
  value = aws_ssm_parameter.a.value
}
