resource "aws_cloudtrail" "management" {
  name                          = "management-events"
  s3_bucket_name                = "acme-telco-cloudtrail"
  is_multi_region_trail         = true
  include_global_service_events = true
  enable_log_file_validation    = true
}

resource "aws_cloudtrail" "org" {
  name                  = "organisation-trail"
  s3_bucket_name        = "acme-telco-org-cloudtrail"
  is_multi_region_trail = true
  is_organization_trail = true
}
