resource "aws_iam_role" "ec2_probe" {
  name = "ec2-probe"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = "ec2.amazonaws.com" }
    }]
  })
}

resource "aws_iam_role" "github_deploy" {
  name = "github-deploy"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRoleWithWebIdentity"
      Principal = { Federated = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com" }
      Condition = {
        StringLike = { "token.actions.githubusercontent.com:sub" = "repo:acme-telco/core-infra:*" }
      }
    }]
  })
}

resource "aws_iam_role" "noc_vendor" {
  name = "noc-vendor-readonly"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = "arn:aws:iam::444455556666:role/noc-support" }
      Condition = {
        StringEquals = { "sts:ExternalId" = "acme-telco-noc-7f3a" }
      }
    }]
  })
}

# Principal "*" limited to the provider's organisation (key case differs).
resource "aws_iam_role" "org_audit" {
  name               = "org-audit"
  assume_role_policy = <<EOT
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": "sts:AssumeRole",
      "Principal": "*",
      "Condition": {"StringEquals": {"aws:principalorgid": "o-a1b2c3d4e5"}}
    },
    {
      "Effect": "Deny",
      "Action": "sts:AssumeRole",
      "Principal": {"AWS": "arn:aws:iam::999999999999:root"}
    }
  ]
}
EOT
}
