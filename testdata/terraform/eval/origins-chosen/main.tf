# Only the variables behind the value a function or conditional chose are
# its origin: the default not taken is not named.
variable "listeners" {
  type = map(any)
  default = {
    ssh = { port = 22, cidr = "0.0.0.0/0" }
  }
}

variable "default_cidr" {
  type    = string
  default = "10.0.0.0/8"
}

variable "use_default" {
  type    = bool
  default = false
}

variable "fallback_cidr" {
  type    = string
  default = "192.168.0.0/16"
}

resource "aws_security_group" "web" {
  name = "web"
  dynamic "ingress" {
    for_each = var.listeners
    content {
      from_port   = ingress.value.port
      to_port     = ingress.value.port
      protocol    = "tcp"
      cidr_blocks = [var.use_default ? var.fallback_cidr : coalesce(lookup(ingress.value, "cidr", var.default_cidr), var.default_cidr)]
    }
  }
}
