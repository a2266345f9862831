resource "aws_iam_role" "ci" {
  name = "ci"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = "codebuild.amazonaws.com" }
    }]
  })
}

# Statement as a single object, Action and Resource as lists.
resource "aws_iam_role_policy" "ci_admin" { # expect: CG-AWS-012 aws_iam_role_policy.ci_admin
  name = "ci-admin"
  role = aws_iam_role.ci.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = {
      Effect   = "Allow"
      Action   = ["s3:GetObject", "*"]
      Resource = ["*"]
    }
  })
}

resource "aws_iam_user" "break_glass" {
  name = "break-glass"
}

# Statement as a list, Action and Resource as strings.
resource "aws_iam_user_policy" "break_glass" { # expect: CG-AWS-012 aws_iam_user_policy.break_glass
  name = "break-glass-admin"
  user = aws_iam_user.break_glass.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = "*"
        Resource = "*"
      }
    ]
  })
}

resource "aws_iam_group" "platform" {
  name = "platform"
}

resource "aws_iam_group_policy" "platform_admin" { # expect: CG-AWS-012 aws_iam_group_policy.platform_admin
  name  = "platform-admin"
  group = aws_iam_group.platform.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["*"]
        Resource = "*"
        Condition = {
          Bool = { "aws:MultiFactorAuthPresent" = "true" }
        }
      }
    ]
  })
}
