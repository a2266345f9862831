variable "region" {
  type    = string
  default = "eu-central-1"
}

provider "aws" {
  region = var.region
}

resource "aws_cloudwatch_log_group" "audit" { # expect: CG-AWS-047 aws_cloudwatch_log_group.audit
  name = "audit"
}
