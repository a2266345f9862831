resource "aws_sns_topic" "plain" { # expect: CG-AWS-024 aws_sns_topic.plain
  name = "outage-notifications"
}

resource "aws_sns_topic" "empty_key" {
  name              = "fraud-alerts"
  kms_master_key_id = "" # expect: CG-AWS-024 aws_sns_topic.empty_key
}

resource "aws_sqs_queue" "sse_off" {
  name                    = "sim-swap-requests"
  sqs_managed_sse_enabled = false # expect: CG-AWS-024 aws_sqs_queue.sse_off
}
