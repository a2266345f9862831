# IAM policies written with aws_iam_policy_document are checked like JSON.
data "aws_iam_policy_document" "admin" {
  statement {
    sid       = "Everything"
    actions   = ["*"]
    resources = ["*"]
  }
}

resource "aws_iam_policy" "admin" {
  name   = "ops-admin"
  policy = data.aws_iam_policy_document.admin.json
}

data "aws_iam_policy_document" "read_logs" {
  statement {
    actions   = ["logs:GetLogEvents"]
    resources = ["arn:aws:logs:eu-west-2:111122223333:log-group:/core/*"]
  }
}

resource "aws_iam_policy" "read_logs" {
  name   = "read-logs"
  policy = data.aws_iam_policy_document.read_logs.json
}

# A data source that reads the cloud is unknown: no finding either way.
data "aws_ssm_parameter" "retention" {
  name = "/platform/log-retention-days"
}

resource "aws_cloudwatch_log_group" "signalling" {
  name              = "/core/signalling"
  retention_in_days = data.aws_ssm_parameter.retention.value
}
