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

# An explicit block with a setting off does not rely on the default:
# CG-AWS-002 reports it.
resource "aws_s3_bucket" "firmware" {
  bucket = "acme-telco-firmware-images"
}

resource "aws_s3_bucket_public_access_block" "firmware" {
  bucket = "acme-telco-firmware-images"

  block_public_acls       = true
  block_public_policy     = false
  ignore_public_acls      = true
  restrict_public_buckets = true
}
