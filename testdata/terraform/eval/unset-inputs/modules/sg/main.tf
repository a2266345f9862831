variable "cidr" {
  type = string
}

resource "aws_security_group" "this" {
  name = "through-module"
  ingress {
    from_port   = 3389
    to_port     = 3389
    protocol    = "tcp"
    cidr_blocks = [var.cidr]
  }
}
