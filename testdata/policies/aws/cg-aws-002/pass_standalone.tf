variable "bucket_name" {
  type = string
}

# Bucket declared in another stack: the block is assessed on its own.
resource "aws_s3_bucket_public_access_block" "shared" {
  bucket = var.bucket_name

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}
