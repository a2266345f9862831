# A data source whose count is not known: whether the Deny is merged is not known.
variable "tls_only" {
  type = bool
}
resource "aws_s3_bucket" "b" {
  bucket = "my-bucket"
}
data "aws_iam_policy_document" "deny_insecure" {
  count = var.tls_only ? 1 : 0
  statement {
    sid     = "DenyInsecureTransport"
    effect  = "Deny"
    actions = ["s3:*"]
    resources = ["arn:aws:s3:::my-bucket", "arn:aws:s3:::my-bucket/*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}
data "aws_iam_policy_document" "read" {
  statement {
    sid       = "Read"
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::my-bucket/*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::123456789012:root"]
    }
  }
}
data "aws_iam_policy_document" "agg" {
  source_policy_documents = concat(data.aws_iam_policy_document.deny_insecure[*].json, [data.aws_iam_policy_document.read.json])
}
resource "aws_s3_bucket_policy" "p" {
  bucket = aws_s3_bucket.b.id
  policy = data.aws_iam_policy_document.agg.json
}
