# Ingress rules from a variable, through a dynamic block: SSH ends up open to
# the internet.
variable "ingress_rules" {
  default = [
    { port = 443, cidrs = ["0.0.0.0/0"] },
    { port = 22, cidrs = ["0.0.0.0/0"] },
  ]
}

resource "aws_security_group" "edge" {
  name = "edge"

  dynamic "ingress" {
    for_each = var.ingress_rules
    iterator = rule
    content {
      from_port   = rule.value.port
      to_port     = rule.value.port
      protocol    = "tcp"
      cidr_blocks = rule.value.cidrs
    }
  }
}
