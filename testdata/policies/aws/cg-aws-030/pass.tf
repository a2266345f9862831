resource "aws_eks_cluster" "core_5g" {
  name                      = "core-5g"
  role_arn                  = "arn:aws:iam::111122223333:role/eks-cluster"
  enabled_cluster_log_types = ["api", "audit", "authenticator"]

  vpc_config {
    subnet_ids = ["subnet-0a1b2c3d", "subnet-0e1f2a3b"]
  }
}
