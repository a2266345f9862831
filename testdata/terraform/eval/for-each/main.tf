# Three buckets from one block; only "scratch" lacks a KMS key.
locals {
  buckets = {
    cdr     = "aws:kms"
    billing = "aws:kms"
    scratch = "AES256"
  }
}

resource "aws_s3_bucket" "data" {
  for_each = local.buckets
  bucket   = "mno-${each.key}"

  server_side_encryption_configuration {
    rule {
      apply_server_side_encryption_by_default {
        sse_algorithm = each.value
      }
    }
  }
}
