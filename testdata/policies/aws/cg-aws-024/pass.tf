resource "aws_sns_topic" "network_alarms" {
  name              = "network-alarms"
  kms_master_key_id = aws_kms_key.messaging.arn
}

resource "aws_kms_key" "messaging" {
  description         = "SNS and SQS"
  enable_key_rotation = true
}

resource "aws_sns_topic" "aws_managed" {
  name              = "billing-events"
  kms_master_key_id = "alias/aws/sns"
}

resource "aws_sqs_queue" "provisioning" {
  name              = "provisioning-requests"
  kms_master_key_id = aws_kms_key.messaging.arn
}

resource "aws_sqs_queue" "sse_sqs" {
  name                    = "port-requests"
  sqs_managed_sse_enabled = true
}

# Unset: AWS applies SQS-managed encryption to new queues by default.
resource "aws_sqs_queue" "default_sse" {
  name = "cdr-ingest"
}
