# Defaults: public endpoint open to 0.0.0.0/0.
resource "aws_eks_cluster" "lab" {
  name     = "lab"
  role_arn = "arn:aws:iam::111122223333:role/eks-cluster"

  vpc_config { # expect: CG-AWS-028 aws_eks_cluster.lab
    subnet_ids = ["subnet-0a1b2c3d", "subnet-0e1f2a3b"]
  }
}

resource "aws_eks_cluster" "edge" {
  name     = "edge"
  role_arn = "arn:aws:iam::111122223333:role/eks-cluster"

  vpc_config {
    subnet_ids             = ["subnet-0a1b2c3d", "subnet-0e1f2a3b"]
    endpoint_public_access = true
    public_access_cidrs    = ["203.0.113.0/28", "0.0.0.0/0"] # expect: CG-AWS-028 aws_eks_cluster.edge
  }
}
