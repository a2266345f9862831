resource "aws_iam_group" "noc_operators" {
  name = "noc-operators"
}

resource "aws_iam_group_policy_attachment" "noc_operators_readonly" {
  group      = aws_iam_group.noc_operators.name
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}

resource "aws_iam_policy_attachment" "operators" {
  name       = "noc-readonly"
  groups     = [aws_iam_group.noc_operators.name]
  roles      = ["noc-automation"]
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}

resource "aws_iam_policy_attachment" "empty_users" {
  name       = "automation-only"
  users      = []
  roles      = ["noc-automation"]
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}
