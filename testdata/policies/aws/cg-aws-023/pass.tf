resource "aws_dynamodb_table" "subscriber_sessions" {
  name         = "subscriber-sessions"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "imsi"

  attribute {
    name = "imsi"
    type = "S"
  }

  server_side_encryption {
    enabled     = true
    kms_key_arn = aws_kms_key.dynamodb.arn
  }
}

resource "aws_kms_key" "dynamodb" {
  description         = "DynamoDB tables"
  enable_key_rotation = true
}

resource "aws_dynamodb_table" "literal_key" {
  name         = "number-ports"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "msisdn"

  attribute {
    name = "msisdn"
    type = "S"
  }

  server_side_encryption {
    enabled     = true
    kms_key_arn = "arn:aws:kms:eu-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  }
}
