resource "aws_cloudtrail" "single_region" { # expect: CG-AWS-006 aws_cloudtrail.single_region
  name           = "eu-west-2-only"
  s3_bucket_name = "acme-telco-cloudtrail"
}

resource "aws_cloudtrail" "explicit_off" {
  name                  = "regional"
  s3_bucket_name        = "acme-telco-cloudtrail"
  is_multi_region_trail = false # expect: CG-AWS-006 aws_cloudtrail.explicit_off
}

# Multi-region but global (IAM, STS) events excluded: reported on the
# is_multi_region_trail line, the policy's only location.
resource "aws_cloudtrail" "no_global" {
  name                          = "data-events"
  s3_bucket_name                = "acme-telco-cloudtrail"
  is_multi_region_trail         = true # expect: CG-AWS-006 aws_cloudtrail.no_global
  include_global_service_events = false
}
