resource "aws_kms_key" "cloudtrail" {
  description         = "CloudTrail log encryption"
  enable_key_rotation = true
}

resource "aws_cloudtrail" "management" {
  name                  = "management-events"
  s3_bucket_name        = "acme-telco-cloudtrail"
  is_multi_region_trail = true
  kms_key_id            = aws_kms_key.cloudtrail.arn
}

resource "aws_cloudtrail" "literal_key" {
  name           = "data-events"
  s3_bucket_name = "acme-telco-cloudtrail"
  kms_key_id     = "arn:aws:kms:eu-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}
