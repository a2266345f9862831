# Credential and secret reads on every resource with no condition.
resource "aws_iam_role_policy" "app" {
  name = "app"
  role = "app"
  policy = jsonencode({ # expect: CG-AWS-054 aws_iam_role_policy.app
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["secretsmanager:GetSecretValue", "kms:Decrypt"]
      Resource = "*"
    }]
  })
}

resource "aws_iam_policy" "parameters" {
  name = "parameters"
  policy = jsonencode({ # expect: CG-AWS-054 aws_iam_policy.parameters
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "ssm:GetParameter*"
      Resource = ["*"]
    }]
  })
}

data "aws_iam_policy_document" "key_maker" {
  statement {
    actions   = ["iam:CreateAccessKey", "sts:GetFederationToken"]
    resources = ["*"]
  }
}

resource "aws_iam_user_policy" "key_maker" {
  name   = "key-maker"
  user   = "automation"
  policy = data.aws_iam_policy_document.key_maker.json # expect: CG-AWS-054 aws_iam_user_policy.key_maker
}
