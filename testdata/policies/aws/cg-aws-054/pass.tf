# Secrets named by ARN, own access keys only, a condition, unrelated actions.
resource "aws_iam_role_policy" "app" {
  name = "app"
  role = "app"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["secretsmanager:GetSecretValue", "ssm:GetParameter*"]
        Resource = ["arn:aws:secretsmanager:eu-west-2:111122223333:secret:app/*", "arn:aws:ssm:eu-west-2:111122223333:parameter/app/*"]
      },
      {
        Effect   = "Allow"
        Action   = "iam:CreateAccessKey"
        Resource = "arn:aws:iam::111122223333:user/$${aws:username}"
      },
      {
        Effect   = "Allow"
        Action   = "secretsmanager:GetSecretValue"
        Resource = "*"
        Condition = {
          StringEquals = { "aws:ResourceTag/app" = "billing" }
        }
      },
      {
        Effect   = "Allow"
        Action   = ["secretsmanager:ListSecrets", "ssm:DescribeParameters", "ecr:GetAuthorizationToken"]
        Resource = "*"
      }
    ]
  })
}
