resource "aws_kms_key" "s3" {
  description         = "S3 data encryption"
  enable_key_rotation = true
}

resource "aws_s3_bucket" "cdr_archive" {
  bucket = "acme-telco-cdr-archive"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "cdr_archive" {
  bucket = aws_s3_bucket.cdr_archive.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.s3.arn
    }
    bucket_key_enabled = true
  }
}
