# aws_iam_policy_document merges other documents as the provider does:
# source documents first, its own statements replacing theirs by Sid, then
# override documents replacing by Sid. An empty list merges nothing.
data "aws_iam_policy_document" "read_all" {
  statement {
    sid       = "read"
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
}

data "aws_iam_policy_document" "read_one" {
  statement {
    sid       = "read"
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::reports/*"]
  }
}

# Empty source list: its own statement reads everything (CG-AWS-055).
data "aws_iam_policy_document" "empty_source" {
  source_policy_documents = []
  statement {
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
}

resource "aws_iam_policy" "empty_source" {
  name   = "empty-source"
  policy = data.aws_iam_policy_document.empty_source.json
}

# The source document brings the read-everything statement (CG-AWS-055).
data "aws_iam_policy_document" "from_source" {
  source_policy_documents = [data.aws_iam_policy_document.read_all.json]
  statement {
    actions   = ["ec2:DescribeInstances"]
    resources = ["*"]
  }
}

resource "aws_iam_policy" "from_source" {
  name   = "from-source"
  policy = data.aws_iam_policy_document.from_source.json
}

# The override replaces statement "read" with one on a single bucket: passes.
data "aws_iam_policy_document" "overridden" {
  override_policy_documents = [data.aws_iam_policy_document.read_one.json]
  statement {
    sid       = "read"
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
}

resource "aws_iam_policy" "overridden" {
  name   = "overridden"
  policy = data.aws_iam_policy_document.overridden.json
}
