resource "aws_cloudwatch_log_group" "vpc_flow" {
  name              = "/vpc/flow-logs"
  retention_in_days = 90 # expect: CG-AWS-009 aws_cloudwatch_log_group.vpc_flow
}

# One year is still short of 13 months.
resource "aws_cloudwatch_log_group" "one_year" {
  name              = "/core/upf/audit"
  retention_in_days = 365 # expect: CG-AWS-009 aws_cloudwatch_log_group.one_year
}
