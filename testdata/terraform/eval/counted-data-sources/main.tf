# Data sources with count or for_each are evaluated per instance, as
# resources are: each policy reads the statement that allows s3:GetObject
# on everything.
data "aws_iam_policy_document" "this" {
  count = 1
  statement {
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
}
resource "aws_iam_policy" "p" {
  name   = "p"
  policy = data.aws_iam_policy_document.this[0].json
}
resource "aws_iam_policy" "q" {
  name   = "q"
  policy = join("", data.aws_iam_policy_document.this.*.json)
}
data "aws_iam_policy_document" "each" {
  for_each = toset(["a"])
  statement {
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
}
resource "aws_iam_policy" "r" {
  name   = "r"
  policy = data.aws_iam_policy_document.each["a"].json
}
