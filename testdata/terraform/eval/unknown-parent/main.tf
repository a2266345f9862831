# Both name the bucket through a variable without a value: which bucket the
# encryption configuration belongs to is known only after apply. The bucket
# may well be encrypted, so CG-AWS-001 is unknown, not a failure.
variable "bucket_name" {
  type = string
}

resource "aws_s3_bucket" "data" {
  bucket = var.bucket_name
}

resource "aws_s3_bucket_server_side_encryption_configuration" "data" {
  bucket = var.bucket_name

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
  }
}

# Named literally, but the variable may name this one too: unknown as well.
resource "aws_s3_bucket" "plain" {
  bucket = "plain-bucket"
}
