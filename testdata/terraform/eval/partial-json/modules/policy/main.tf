variable "policy" { type = string }

resource "aws_iam_policy" "this" {
  name   = "reader"
  policy = var.policy
}
