# An account-level block that leaves a setting off does not stand in for the
# bucket's own (CG-AWS-002 reports the account block itself).
resource "aws_s3_account_public_access_block" "account" {
  block_public_acls  = true
  ignore_public_acls = true
}

resource "aws_s3_bucket" "cdr_archive" { # expect: CG-AWS-063 aws_s3_bucket.cdr_archive
  bucket = "acme-telco-cdr-archive"
}
