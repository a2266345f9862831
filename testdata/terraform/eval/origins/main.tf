# The finding names the variable behind the rule's source, not the ones
# behind the rule's other settings.
variable "admin_cidr" {
  type    = string
  default = "0.0.0.0/0"
}

variable "rule_description" {
  type    = string
  default = "SSH for administrators"
}

resource "aws_security_group" "web" {
  name = "web"
}

resource "aws_security_group_rule" "ssh" {
  type              = "ingress"
  security_group_id = aws_security_group.web.id
  from_port         = 22
  to_port           = 22
  protocol          = "tcp"
  cidr_blocks       = [var.admin_cidr]
  description       = var.rule_description
}
