resource "aws_cloudtrail" "management" {
  name                       = "management-events"
  s3_bucket_name             = "acme-telco-cloudtrail"
  is_multi_region_trail      = true
  enable_log_file_validation = true
}
