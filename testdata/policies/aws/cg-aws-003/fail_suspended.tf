resource "aws_s3_bucket" "cdr_staging" {
  bucket = "acme-telco-cdr-staging"
}

# `enabled` is derived from `status` by the fold, and keeps its location: the
# finding points at the `status` line of this separate resource.
resource "aws_s3_bucket_versioning" "cdr_staging" {
  bucket = aws_s3_bucket.cdr_staging.id

  versioning_configuration {
    status = "Suspended" # expect: CG-AWS-003 aws_s3_bucket.cdr_staging
  }
}
