resource "aws_kms_key" "bad" {
  description         = "RDS encryption"
  enable_key_rotation = false # expect: CG-AWS-005 aws_kms_key.bad
}

resource "aws_kms_key" "missing" { # expect: CG-AWS-005 aws_kms_key.missing
  description = "EBS encryption"
}

resource "aws_kms_key" "symmetric_spec" {
  description              = "Backup vault"
  customer_master_key_spec = "SYMMETRIC_DEFAULT"
  enable_key_rotation      = false # expect: CG-AWS-005 aws_kms_key.symmetric_spec
}
