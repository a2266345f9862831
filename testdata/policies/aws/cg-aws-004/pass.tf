resource "aws_s3_bucket" "cdr_archive" {
  bucket = "acme-telco-cdr-archive"
}

resource "aws_s3_bucket_logging" "cdr_archive" {
  bucket = aws_s3_bucket.cdr_archive.id

  target_bucket = "acme-telco-s3-access-logs"
  target_prefix = "s3/cdr-archive/"
}

# Legacy inline form.
resource "aws_s3_bucket" "config_backups" {
  bucket = "acme-telco-config-backups"

  logging {
    target_bucket = "acme-telco-s3-access-logs"
    target_prefix = "s3/config-backups/"
  }
}
