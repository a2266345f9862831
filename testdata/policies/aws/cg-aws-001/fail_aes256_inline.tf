resource "aws_s3_bucket" "oss_exports" {
  bucket = "acme-telco-oss-exports"

  server_side_encryption_configuration {
    rule {
      apply_server_side_encryption_by_default {
        sse_algorithm = "AES256" # expect: CG-AWS-001 aws_s3_bucket.oss_exports
      }
    }
  }
}
