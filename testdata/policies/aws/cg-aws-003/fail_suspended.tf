resource "aws_s3_bucket" "cdr_staging" {
  bucket = "acme-telco-cdr-staging"
}

# `enabled` is derived from `status`, so it is not in the source: the finding
# falls back to the `versioning` path, i.e. this child resource's header.
resource "aws_s3_bucket_versioning" "cdr_staging" { # expect: CG-AWS-003 aws_s3_bucket.cdr_staging
  bucket = aws_s3_bucket.cdr_staging.id

  versioning_configuration {
    status = "Suspended"
  }
}
