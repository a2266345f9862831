variable "name" {
  type = string
}

variable "algorithm" {
  type    = string
  default = "aws:kms"
}

resource "aws_s3_bucket" "this" {
  bucket = var.name
}

resource "aws_s3_bucket_server_side_encryption_configuration" "this" {
  bucket = aws_s3_bucket.this.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = var.algorithm
    }
  }
}

output "bucket_name" {
  value = aws_s3_bucket.this.bucket
}
