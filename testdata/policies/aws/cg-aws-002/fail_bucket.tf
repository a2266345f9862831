resource "aws_s3_bucket" "partial" {
  bucket = "acme-telco-firmware-images"
}

resource "aws_s3_bucket_public_access_block" "partial" { # expect: CG-AWS-002 aws_s3_bucket.partial
  bucket = aws_s3_bucket.partial.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = false
}

resource "aws_s3_bucket" "unset_flag" {
  bucket = "acme-telco-status-page"
}

resource "aws_s3_bucket_public_access_block" "unset_flag" { # expect: CG-AWS-002 aws_s3_bucket.unset_flag
  bucket = aws_s3_bucket.unset_flag.id

  block_public_acls   = true
  block_public_policy = true
  ignore_public_acls  = true
}
