# No provider block: the region comes from AWS_REGION when Terraform runs,
# so residency is unknown here, not a finding.
resource "aws_s3_bucket" "logs" {
  bucket = "telco-logs"
}

variable "region" {
  type = string
}

provider "aws" {
  alias  = "chosen"
  region = var.region
}

resource "aws_sns_topic" "alerts" {
  provider = aws.chosen
  name     = "alerts"
}
