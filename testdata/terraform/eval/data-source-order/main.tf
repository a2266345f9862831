# The document merged in is declared in policies.tf, read after this file,
# through a local: evaluated once more when it becomes known.
locals {
  sources = [data.aws_iam_policy_document.velero.json]
}
data "aws_iam_policy_document" "merged" {
  source_policy_documents = local.sources
}
resource "aws_iam_policy" "this" {
  name   = "x"
  policy = data.aws_iam_policy_document.merged.json
}
# Guarded by a count not known: the instance stands for each named one
# (`[0]`), and for the block as a whole (a splat) to a resource with the same
# count, which exists exactly when it does; to any other, the whole block is
# not known.
data "aws_iam_policy_document" "guarded" {
  count = var.enabled ? 1 : 0
  statement {
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
}
variable "enabled" { type = bool }
resource "aws_iam_policy" "guarded" {
  count  = var.enabled ? 1 : 0
  name   = "g"
  policy = data.aws_iam_policy_document.guarded[0].json
}

resource "aws_iam_policy" "splat" {
  count  = var.enabled ? 1 : 0
  name   = "s"
  policy = join("", data.aws_iam_policy_document.guarded.*.json)
}

variable "other" { type = bool }

resource "aws_iam_policy" "splat_other_count" {
  count  = var.other ? 1 : 0
  name   = "o"
  policy = join("", data.aws_iam_policy_document.guarded.*.json)
}

# path.module and basename: the name is known, with no secret-shaped word.
resource "aws_ssm_parameter" "network_cidr" {
  name  = "/${basename(path.module)}/network_cidr"
  type  = "String"
  value = "10.0.0.0/16"
}

# The same name with a secret-shaped word is found.
resource "aws_ssm_parameter" "token" {
  name  = "/${basename(path.module)}/api_token"
  type  = "String"
  value = "x"
}
