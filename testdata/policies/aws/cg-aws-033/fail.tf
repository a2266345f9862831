resource "aws_secretsmanager_secret" "vendor_api" { # expect: CG-AWS-033 aws_secretsmanager_secret.vendor_api
  name = "ran/vendor-api-key"
}

resource "aws_secretsmanager_secret" "billing_db" {
  name = "billing/db/master"
}

# Rotation configured without a schedule.
resource "aws_secretsmanager_secret_rotation" "billing_db" { # expect: CG-AWS-033 aws_secretsmanager_secret.billing_db
  secret_id           = aws_secretsmanager_secret.billing_db.id
  rotation_lambda_arn = "arn:aws:lambda:eu-west-2:111122223333:function:rotate-mysql"
}
