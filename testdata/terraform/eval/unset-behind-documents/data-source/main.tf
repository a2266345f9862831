# An input nobody gave, read by a data source: the policy reading it may be anything.
variable "action" {}
data "aws_iam_policy_document" "d" {
  statement {
    actions   = [var.action]
    resources = ["*"]
  }
}
resource "aws_iam_policy" "p" {
  name   = "p"
  policy = data.aws_iam_policy_document.d.json
}
