# No ownership controls and no ACL: ACLs stay disabled, AWS's default for
# new buckets.
resource "aws_s3_bucket" "field_photos" {
  bucket = "acme-telco-field-photos"
}

resource "aws_s3_bucket" "cdr_archive" {
  bucket = "acme-telco-cdr-archive"
}

resource "aws_s3_bucket_ownership_controls" "cdr_archive" {
  bucket = aws_s3_bucket.cdr_archive.id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

# A private canned ACL grants nothing beyond the owner.
resource "aws_s3_bucket" "legacy_private" {
  bucket = "acme-telco-legacy-private"
  acl    = "private"
}
