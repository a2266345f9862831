resource "aws_kms_key" "eks_secrets" {
  description         = "EKS secrets"
  enable_key_rotation = true
}

resource "aws_eks_cluster" "core_5g" {
  name     = "core-5g"
  role_arn = "arn:aws:iam::111122223333:role/eks-cluster"

  vpc_config {
    subnet_ids             = ["subnet-0a1b2c3d", "subnet-0e1f2a3b"]
    endpoint_public_access = false
  }

  encryption_config {
    resources = ["secrets"]
    provider {
      key_arn = aws_kms_key.eks_secrets.arn
    }
  }
}
