# Escalation actions on every resource with no condition.
resource "aws_iam_policy" "deployer" {
  name = "deployer"
  policy = jsonencode({ # expect: CG-AWS-053 aws_iam_policy.deployer
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["ecs:UpdateService", "iam:PassRole"]
      Resource = "*"
    }]
  })
}

# A service wildcard counts, in any case.
resource "aws_iam_role_policy" "iam_operator" {
  name   = "iam-operator"
  role   = "iam-operator"
  policy = jsonencode({ # expect: CG-AWS-053 aws_iam_role_policy.iam_operator
    Version   = "2012-10-17"
    Statement = { Effect = "Allow", Action = "IAM:*", Resource = "*" }
  })
}

# A prefix wildcard, from a policy document data source.
data "aws_iam_policy_document" "function_admin" {
  statement {
    actions   = ["lambda:Update*"]
    resources = ["*"]
  }
}

resource "aws_iam_user_policy" "function_admin" {
  name   = "function-admin"
  user   = "release"
  policy = data.aws_iam_policy_document.function_admin.json # expect: CG-AWS-053 aws_iam_user_policy.function_admin
}

# NotAction allows everything it does not name.
resource "aws_iam_group_policy" "almost_admin" {
  name  = "almost-admin"
  group = "operators"
  policy = jsonencode({ # expect: CG-AWS-053 aws_iam_group_policy.almost_admin
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      NotAction = ["s3:*", "ec2:*"]
      Resource  = "*"
    }]
  })
}
