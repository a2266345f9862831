# Each key's rotation is set through a different variable source; Terraform's
# precedence decides. See tests/terraform_eval.rs.
variable "from_auto" { type = bool }
variable "from_env" { type = bool }
variable "from_cli" { type = bool }
variable "retention" { type = number }

resource "aws_kms_key" "auto" {
  enable_key_rotation = var.from_auto
}

resource "aws_kms_key" "env" {
  enable_key_rotation = var.from_env
}

resource "aws_kms_key" "cli" {
  enable_key_rotation = var.from_cli
}

resource "aws_cloudwatch_log_group" "audit" {
  name              = "audit"
  retention_in_days = var.retention
}
