variable "provider_arn" { type = string }

# An OIDC provider: its ARN is computed at apply (never "*").
resource "aws_iam_openid_connect_provider" "eks" {
  url            = "https://oidc.eks.eu-west-2.amazonaws.com/id/EXAMPLE"
  client_id_list = ["sts.amazonaws.com"]
}

# A Federated principal from an input nobody gave: it may be "*", so the
# trust is unknown.
data "aws_iam_policy_document" "trust_input" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = [var.provider_arn]
    }
  }
}

resource "aws_iam_role" "trust_input" {
  name               = "trust-input"
  assume_role_policy = data.aws_iam_policy_document.trust_input.json
}
variable "region" { type = string }
variable "sid" { type = string }
variable "target" { type = string }

data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = [aws_iam_openid_connect_provider.eks.arn]
    }
  }
}

resource "aws_iam_role" "irsa" {
  name               = "irsa"
  assume_role_policy = data.aws_iam_policy_document.trust.json
}

resource "aws_iam_policy" "heredoc" {
  name   = "karpenter"
  policy = <<EOT
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": ["ec2:RunInstances"],
      "Resource": "arn:aws:ec2:${var.region}:*:instance/*"
    },
    {
      "Effect": "Allow",
      "Action": ["ec2:DescribeInstances"],
      "Resource": "*",
      "Condition": {"StringEquals": {"aws:RequestedRegion": "${var.region}"}}
    }
  ]
}
EOT
}

resource "aws_iam_policy" "admin" {
  name = "admin"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Sid = var.sid, Effect = "Allow", Action = "*", Resource = "*" }]
  })
}

resource "aws_iam_policy" "passrole" {
  name = "passrole"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "iam:PassRole", Resource = var.target }]
  })
}

# The document reaches the resource through a module argument, as in
# terraform-aws-iam: its shape goes with it.
data "aws_iam_policy_document" "read_all" {
  statement {
    sid       = var.sid
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
}

module "reader" {
  source = "./modules/policy"
  policy = data.aws_iam_policy_document.read_all.json
}

# A statement block written by `dynamic`: how many there are is not known.
data "aws_iam_policy_document" "dynamic" {
  dynamic "statement" {
    for_each = var.statements
    content {
      actions   = statement.value.actions
      resources = ["*"]
    }
  }
}

variable "statements" { type = list(any) }

resource "aws_iam_policy" "dynamic" {
  name   = "dynamic"
  policy = data.aws_iam_policy_document.dynamic.json
}

# An interpolation outside a JSON string: the shape is not known.
resource "aws_iam_policy" "spliced" {
  name   = "spliced"
  policy = <<EOT
{"Version": "2012-10-17", "Statement": ${var.statements_json}}
EOT
}

variable "statements_json" { type = string }

# An unknown condition key (the OIDC provider's URL) makes only that
# Condition unknown. The key is an input nobody gave, so the pass is decided
# again, with the computed provider ARN unknown as well: unknown.
variable "provider_url" { type = string }

data "aws_iam_policy_document" "oidc" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = [aws_iam_openid_connect_provider.eks.arn]
    }
    condition {
      test     = "StringEquals"
      variable = "${var.provider_url}:sub"
      values   = ["system:serviceaccount:kube-system:controller"]
    }
  }
}

resource "aws_iam_role" "oidc" {
  name               = "oidc"
  assume_role_policy = data.aws_iam_policy_document.oidc.json
}

# Another account trusted under a condition whose key is not known (it may
# be sts:ExternalId): unknown.
data "aws_iam_policy_document" "cross_account" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:root"]
    }
    condition {
      test     = "StringEquals"
      variable = var.condition_key
      values   = ["x"]
    }
  }
}

variable "condition_key" { type = string }

resource "aws_iam_role" "cross_account" {
  name               = "cross-account"
  assume_role_policy = data.aws_iam_policy_document.cross_account.json
}

# A partly known document merged into another keeps its statements.
data "aws_iam_policy_document" "merged_partial" {
  source_policy_documents = [data.aws_iam_policy_document.read_all.json]
  statement {
    actions   = ["ec2:DescribeInstances"]
    resources = ["*"]
  }
}

resource "aws_iam_policy" "merged_partial" {
  name   = "merged-partial"
  policy = data.aws_iam_policy_document.merged_partial.json
}
