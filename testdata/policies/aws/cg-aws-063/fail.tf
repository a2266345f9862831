# No public access block of its own and none for the account: private only
# by AWS's default for new buckets.
resource "aws_s3_bucket" "field_photos" { # expect: CG-AWS-063 aws_s3_bucket.field_photos
  bucket = "acme-telco-field-photos"
}
