# Legacy inline block (AWS provider < 4 style) with KMS.
resource "aws_s3_bucket" "legacy_backups" {
  bucket = "acme-telco-legacy-backups"

  server_side_encryption_configuration {
    rule {
      apply_server_side_encryption_by_default {
        sse_algorithm     = "aws:kms"
        kms_master_key_id = "arn:aws:kms:eu-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
      }
    }
  }
}

# Dual-layer KMS encryption.
resource "aws_s3_bucket" "lawful_intercept_exports" {
  bucket = "acme-telco-li-exports"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "lawful_intercept_exports" {
  bucket = aws_s3_bucket.lawful_intercept_exports.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms:dsse"
    }
  }
}
