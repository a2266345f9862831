# An account-level block with all four settings true covers every bucket of
# the account: the public ACL below cannot take effect.
resource "aws_s3_account_public_access_block" "account" {
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket" "site" {
  bucket = "acme-telco-site"
  acl    = "public-read"
}
