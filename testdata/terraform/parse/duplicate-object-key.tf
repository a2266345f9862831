# A key repeated in an object constructor (as in terraform-aws-alb's
# examples): HCL keeps the last value, so the port is 22.
locals {
  rule       = { port = 80, protocol = "HTTP", port = 22 }
  ssh_port   = local.rule.port
  ssh_source = "0.0.0.0/0"
}

resource "aws_security_group_rule" "ssh" {
  type              = "ingress"
  security_group_id = "sg-12345678"
  protocol          = "tcp"
  from_port         = local.ssh_port
  to_port           = local.ssh_port
  cidr_blocks       = [local.ssh_source]
}
