resource "aws_eks_cluster" "lab" { # expect: CG-AWS-029 aws_eks_cluster.lab
  name     = "lab"
  role_arn = "arn:aws:iam::111122223333:role/eks-cluster"

  vpc_config {
    subnet_ids = ["subnet-0a1b2c3d", "subnet-0e1f2a3b"]
  }
}

resource "aws_eks_cluster" "no_secrets" {
  name     = "oss-tools"
  role_arn = "arn:aws:iam::111122223333:role/eks-cluster"

  vpc_config {
    subnet_ids = ["subnet-0a1b2c3d", "subnet-0e1f2a3b"]
  }

  encryption_config { # expect: CG-AWS-029 aws_eks_cluster.no_secrets
    resources = []
    provider {
      key_arn = "arn:aws:kms:eu-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    }
  }
}
