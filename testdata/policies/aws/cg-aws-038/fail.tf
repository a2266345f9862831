resource "aws_vpc" "core" {
  cidr_block = "10.20.0.0/16"
}

# The flow log watches another VPC.
resource "aws_vpc" "oss" { # expect: CG-AWS-038 aws_vpc.oss
  cidr_block = "10.30.0.0/16"
}

resource "aws_flow_log" "core" {
  vpc_id       = aws_vpc.core.id
  traffic_type = "ALL"
}
