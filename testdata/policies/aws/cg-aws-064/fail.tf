resource "aws_s3_bucket" "object_writer" {
  bucket = "acme-telco-partner-uploads"
}

resource "aws_s3_bucket_ownership_controls" "object_writer" { # expect: CG-AWS-064 aws_s3_bucket.object_writer
  bucket = aws_s3_bucket.object_writer.id

  rule {
    object_ownership = "ObjectWriter"
  }
}

# ACLs on again for a log-delivery ACL.
resource "aws_s3_bucket" "access_logs" {
  bucket = "acme-telco-access-logs"
}

resource "aws_s3_bucket_ownership_controls" "access_logs" { # expect: CG-AWS-064 aws_s3_bucket.access_logs
  bucket = aws_s3_bucket.access_logs.id

  rule {
    object_ownership = "BucketOwnerPreferred"
  }
}

resource "aws_s3_bucket_acl" "access_logs" {
  bucket = aws_s3_bucket.access_logs.id
  acl    = "log-delivery-write"
}

# An aws_s3_bucket_acl, even "private", is accepted only with ACLs enabled.
resource "aws_s3_bucket" "private_acl" {
  bucket = "acme-telco-private-acl"
}

resource "aws_s3_bucket_acl" "private_acl" { # expect: CG-AWS-064 aws_s3_bucket.private_acl
  bucket = "acme-telco-private-acl"
  acl    = "private"
}

# Legacy ACL settings on the bucket itself.
resource "aws_s3_bucket" "legacy_acl" {
  bucket = "acme-telco-legacy-logs"
  acl    = "log-delivery-write" # expect: CG-AWS-064 aws_s3_bucket.legacy_acl
}

resource "aws_s3_bucket" "legacy_grant" {
  bucket = "acme-telco-legacy-grant"

  grant { # expect: CG-AWS-064 aws_s3_bucket.legacy_grant
    id          = "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"
    type        = "CanonicalUser"
    permissions = ["FULL_CONTROL"]
  }
}
