# Scoped resources, a condition, a Deny, unrelated actions; and a statement of
# all actions, which is CG-AWS-012's.
resource "aws_iam_policy" "deployer" {
  name = "deployer"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = "iam:PassRole"
        Resource = "arn:aws:iam::111122223333:role/ecs-task-*"
      },
      {
        Effect   = "Allow"
        Action   = "iam:PassRole"
        Resource = "*"
        Condition = {
          StringEquals = { "iam:PassedToService" = "ecs-tasks.amazonaws.com" }
        }
      },
      {
        Effect   = "Deny"
        Action   = "iam:*"
        Resource = "*"
      },
      {
        Effect   = "Allow"
        Action   = ["iam:Get*", "iam:List*", "lambda:GetFunction"]
        Resource = "*"
      },
      {
        Effect    = "Allow"
        NotAction = ["iam:*", "lambda:*", "glue:*"]
        Resource  = "*"
      }
    ]
  })
}

resource "aws_iam_policy" "admin" {
  name = "admin"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }]
  })
}

resource "aws_iam_policy" "from_elsewhere" {
  name   = "from-elsewhere"
  policy = var.policy_json
}

variable "policy_json" {
  type = string
}
