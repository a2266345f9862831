resource "aws_s3_account_public_access_block" "account" {
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket" "cdr_archive" {
  bucket = "acme-telco-cdr-archive"
}

resource "aws_s3_bucket_public_access_block" "cdr_archive" {
  bucket = aws_s3_bucket.cdr_archive.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}
