resource "aws_cloudtrail" "management" { # expect: CG-AWS-008 aws_cloudtrail.management
  name                  = "management-events"
  s3_bucket_name        = "acme-telco-cloudtrail"
  is_multi_region_trail = true
}

resource "aws_cloudtrail" "empty_key" {
  name           = "data-events"
  s3_bucket_name = "acme-telco-cloudtrail"
  kms_key_id     = "" # expect: CG-AWS-008 aws_cloudtrail.empty_key
}
