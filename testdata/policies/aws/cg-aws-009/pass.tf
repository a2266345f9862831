resource "aws_cloudwatch_log_group" "amf_audit" {
  name              = "/core/amf/audit"
  retention_in_days = 400
}

resource "aws_cloudwatch_log_group" "bastion_sessions" {
  name              = "/mgmt/bastion/sessions"
  retention_in_days = 731
}

resource "aws_cloudwatch_log_group" "never_expire_explicit" {
  name              = "/mgmt/cloudtrail"
  retention_in_days = 0
}

# No retention set: events never expire.
resource "aws_cloudwatch_log_group" "never_expire_default" {
  name = "/core/smf/audit"
}
