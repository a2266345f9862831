# The collection of a list for, split after a conditional's `?`.
variable "extra_sources" {
  type    = list(string)
  default = null
}

locals {
  sources = [for s in var.extra_sources != null ?
    var.extra_sources : ["0.0.0.0/0"] : s
  ]
  ssh_source = local.sources[0]
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
