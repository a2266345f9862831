resource "aws_s3_bucket" "field_photos" { # expect: CG-AWS-004 aws_s3_bucket.field_photos
  bucket = "acme-telco-field-photos"
}
