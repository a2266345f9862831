resource "aws_eks_cluster" "core_5g" {
  name     = "core-5g"
  role_arn = "arn:aws:iam::111122223333:role/eks-cluster"

  vpc_config {
    subnet_ids              = ["subnet-0a1b2c3d", "subnet-0e1f2a3b"]
    endpoint_private_access = true
    endpoint_public_access  = false
  }
}

resource "aws_eks_cluster" "oss_tools" {
  name     = "oss-tools"
  role_arn = "arn:aws:iam::111122223333:role/eks-cluster"

  vpc_config {
    subnet_ids          = ["subnet-0a1b2c3d", "subnet-0e1f2a3b"]
    public_access_cidrs = ["203.0.113.0/28", "198.51.100.16/29"]
  }
}
