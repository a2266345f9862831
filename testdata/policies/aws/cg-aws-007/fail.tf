resource "aws_cloudtrail" "missing" { # expect: CG-AWS-007 aws_cloudtrail.missing
  name                  = "management-events"
  s3_bucket_name        = "acme-telco-cloudtrail"
  is_multi_region_trail = true
}

resource "aws_cloudtrail" "off" {
  name                       = "data-events"
  s3_bucket_name             = "acme-telco-cloudtrail"
  enable_log_file_validation = false # expect: CG-AWS-007 aws_cloudtrail.off
}
