# hcl-edit 0.10 rejects a line break after a binary operator inside a
# `for` expression's braces; HCL ignores newlines in for expressions.
locals {
  open = {
    for k in ["ssh", "web"] :
    k => k == "ssh" &&
    length(["ssh"]) > 0
  }
  ssh_source = local.open["ssh"] ? "0.0.0.0/0" : "10.0.0.0/8"
  ssh_port   = 22
}

resource "aws_security_group_rule" "ssh" {
  type              = "ingress"
  security_group_id = "sg-12345678"
  protocol          = "tcp"
  from_port         = local.ssh_port
  to_port           = local.ssh_port
  cidr_blocks       = [local.ssh_source]
}
