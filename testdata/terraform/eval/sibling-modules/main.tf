# The flow log module is written first and takes the VPC from the other
# module's output: the VPC is covered (no CG-AWS-038 finding).
module "flow" {
  source = "./modules/flow"
  vpc_id = module.vpc.vpc_id
}

module "vpc" {
  source = "./modules/vpc"
}
