# A conditional split over lines, with comments, in an object for's value.
locals {
  sources = {
    for k in ["ssh", "web"] : # one entry per service
    k => k == "ssh" ? # only SSH is open
    "0.0.0.0/0" : /* the rest stays inside */ "10.0.0.0/8"
  }
  ssh_source = local.sources["ssh"]
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
