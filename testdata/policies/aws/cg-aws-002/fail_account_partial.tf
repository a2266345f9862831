# An account-level block that leaves a setting off covers no bucket: the
# bucket with a public ACL and no block of its own fails too.
resource "aws_s3_account_public_access_block" "account" { # expect: CG-AWS-002 aws_s3_account_public_access_block.account
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = false
  restrict_public_buckets = true
}

resource "aws_s3_bucket" "site" {
  bucket = "acme-telco-site"
  acl    = "public-read" # expect: CG-AWS-002 aws_s3_bucket.site
}
