data "aws_iam_policy_document" "velero" {
  statement {
    actions   = ["iam:PassRole"]
    resources = ["*"]
  }
}
