resource "aws_iam_user" "alice" {
  name = "alice"
}

resource "aws_iam_user_policy" "alice_logs" { # expect: CG-AWS-022 aws_iam_user_policy.alice_logs
  name = "alice-logs"
  user = aws_iam_user.alice.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["logs:GetLogEvents"]
      Resource = "*"
    }]
  })
}

resource "aws_iam_user_policy_attachment" "alice_readonly" { # expect: CG-AWS-022 aws_iam_user_policy_attachment.alice_readonly
  user       = aws_iam_user.alice.name
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}

resource "aws_iam_policy_attachment" "mixed" {
  name       = "noc-readonly"
  users      = ["alice"] # expect: CG-AWS-022 aws_iam_policy_attachment.mixed
  groups     = ["noc-operators"]
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}
