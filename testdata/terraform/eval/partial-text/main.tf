variable "env" { type = string }
variable "service" { type = string }
variable "name" { type = string }

# The known tail says what the parameter holds: an ARN, not a secret.
resource "aws_ssm_parameter" "db_arn" {
  name  = "/${var.env}/db_arn"
  type  = "String"
  value = "arn:aws:rds:eu-west-2:111122223333:db:x"
}

# The same through format(): a pointer by its literal last part.
resource "aws_ssm_parameter" "vpc_id" {
  name  = format("/%s/%s_%s", var.env, var.service, "vpc_id")
  type  = "String"
  value = "vpc-123"
}

# A known part names a token, kept as a plain String: a finding, whatever
# the environment is.
resource "aws_ssm_parameter" "api_token" {
  name  = format("/%s/slack/api_token", var.env)
  type  = "String"
  value = "x"
}

# Nothing known decides: unknown.
resource "aws_ssm_parameter" "anything" {
  name  = "/${var.env}/${var.name}"
  type  = "String"
  value = "x"
}

# Padded to a width: the unknown value's length is not known, nor the rest.
resource "aws_ssm_parameter" "padded" {
  name  = format("/%8s/password", var.env)
  type  = "String"
  value = "x"
}
