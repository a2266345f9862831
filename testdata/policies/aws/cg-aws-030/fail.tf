resource "aws_eks_cluster" "lab" { # expect: CG-AWS-030 aws_eks_cluster.lab
  name     = "lab"
  role_arn = "arn:aws:iam::111122223333:role/eks-cluster"

  vpc_config {
    subnet_ids = ["subnet-0a1b2c3d", "subnet-0e1f2a3b"]
  }
}

resource "aws_eks_cluster" "audit_only" {
  name                      = "oss-tools"
  role_arn                  = "arn:aws:iam::111122223333:role/eks-cluster"
  enabled_cluster_log_types = ["api", "audit"] # expect: CG-AWS-030 aws_eks_cluster.audit_only

  vpc_config {
    subnet_ids = ["subnet-0a1b2c3d", "subnet-0e1f2a3b"]
  }
}
