resource "aws_s3_bucket" "config_backups" {
  bucket = "acme-telco-config-backups"
}

resource "aws_s3_bucket_versioning" "config_backups" {
  bucket = aws_s3_bucket.config_backups.id

  versioning_configuration {
    status = "Enabled"
  }
}

# Legacy inline form.
resource "aws_s3_bucket" "audit_logs" {
  bucket = "acme-telco-audit-logs"

  versioning {
    enabled = true
  }
}
