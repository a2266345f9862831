resource "aws_s3_bucket" "trail" {
  bucket = "mno-audit-trail"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "trail" {
  bucket = aws_s3_bucket.trail.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.trail.arn
    }
  }
}

resource "aws_s3_bucket_public_access_block" "trail" {
  bucket                  = aws_s3_bucket.trail.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

# Linked by the bucket's name, not a reference.
resource "aws_cloudtrail" "org" {
  name           = "org-trail"
  s3_bucket_name = "mno-audit-trail"
}

# Its bucket is not in the scan: not judged.
resource "aws_cloudtrail" "elsewhere" {
  name           = "elsewhere"
  s3_bucket_name = "bucket-in-another-account"
}
