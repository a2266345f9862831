# Values written as strings where the schema wants a bool or a number:
# Terraform converts them, and so must copguard.

# Encrypted: "true" is true (no CG-AWS-014 finding).
resource "aws_ebs_volume" "data" {
  availability_zone = "eu-west-2a"
  size              = 100
  encrypted         = "true"
}

# SSH from anywhere, with the port as a string: still SSH (CG-AWS-010).
resource "aws_security_group_rule" "ssh" {
  type              = "ingress"
  security_group_id = "sg-0123456789abcdef0"
  protocol          = "tcp"
  from_port         = "22"
  to_port           = "22"
  cidr_blocks       = ["0.0.0.0/0"]
}

# A map(string) flag as a condition: "false" is false, without a warning,
# so the volume is unencrypted (CG-AWS-014).
variable "flags" {
  type    = map(string)
  default = { encrypt = "false" }
}

resource "aws_ebs_volume" "scratch" {
  availability_zone = "eu-west-2a"
  size              = 10
  encrypted         = var.flags["encrypt"] ? true : false
}
