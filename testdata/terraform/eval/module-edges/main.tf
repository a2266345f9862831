# The VPC is in the root; its flow log is made by a module that gets the
# VPC's id through a variable. The reference crosses the module boundary, so
# the VPC is covered (CG-AWS-038 passes).
resource "aws_vpc" "core" {
  cidr_block = "10.0.0.0/16"
}

# This one has no flow log anywhere: a finding.
resource "aws_vpc" "lab" {
  cidr_block = "10.1.0.0/16"
}

module "core_flow_logs" {
  source = "./modules/flow-logs"
  vpc_id = aws_vpc.core.id
}
