resource "aws_s3_bucket" "no_versioning" { # expect: CG-AWS-003 aws_s3_bucket.no_versioning
  bucket = "acme-telco-router-backups"
}

resource "aws_s3_bucket" "inline_off" {
  bucket = "acme-telco-syslog-archive"

  versioning {
    enabled = false # expect: CG-AWS-003 aws_s3_bucket.inline_off
  }
}
