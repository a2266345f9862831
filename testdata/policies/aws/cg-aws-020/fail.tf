resource "aws_iam_role" "anyone" {
  name = "debug-anyone"
  assume_role_policy = jsonencode({ # expect: CG-AWS-020 aws_iam_role.anyone
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = "*"
    }]
  })
}

# "*" with a condition that does not limit who the caller is.
resource "aws_iam_role" "anyone_mfa" {
  name = "anyone-with-mfa"
  assume_role_policy = jsonencode({ # expect: CG-AWS-020 aws_iam_role.anyone_mfa
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = "*" }
      Condition = { Bool = { "aws:MultiFactorAuthPresent" = "true" } }
    }]
  })
}

# Cross-account trust with no external id.
resource "aws_iam_role" "vendor" {
  name = "ran-vendor-support"
  assume_role_policy = jsonencode({ # expect: CG-AWS-020 aws_iam_role.vendor
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Action    = "sts:AssumeRole"
        Principal = { Service = "ec2.amazonaws.com" }
      },
      {
        Effect    = "Allow"
        Action    = "sts:AssumeRole"
        Principal = { AWS = ["arn:aws:iam::444455556666:root"] }
      }
    ]
  })
}

# A bare account id.
resource "aws_iam_role" "account_id" {
  name = "partner-billing"
  assume_role_policy = jsonencode({ # expect: CG-AWS-020 aws_iam_role.account_id
    Version = "2012-10-17"
    Statement = {
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = "777788889999" }
      Condition = { Bool = { "aws:MultiFactorAuthPresent" = "true" } }
    }
  })
}
