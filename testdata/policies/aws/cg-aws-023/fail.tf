# No block: encrypted with an AWS owned key.
resource "aws_dynamodb_table" "default_key" { # expect: CG-AWS-023 aws_dynamodb_table.default_key
  name         = "cell-inventory"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "cell_id"

  attribute {
    name = "cell_id"
    type = "S"
  }
}

# Enabled without a key: the AWS managed key aws/dynamodb.
resource "aws_dynamodb_table" "aws_managed" {
  name         = "sim-orders"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "order_id"

  attribute {
    name = "order_id"
    type = "S"
  }

  server_side_encryption { # expect: CG-AWS-023 aws_dynamodb_table.aws_managed
    enabled = true
  }
}

resource "aws_dynamodb_table" "disabled" {
  name         = "alarms"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "alarm_id"

  attribute {
    name = "alarm_id"
    type = "S"
  }

  server_side_encryption {
    enabled     = false
    kms_key_arn = "arn:aws:kms:eu-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab" # expect: CG-AWS-023 aws_dynamodb_table.disabled
  }
}
