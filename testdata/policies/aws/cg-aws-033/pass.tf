resource "aws_secretsmanager_secret" "oss_db" {
  name = "oss/db/master"
}

resource "aws_secretsmanager_secret_rotation" "oss_db" {
  secret_id           = aws_secretsmanager_secret.oss_db.id
  rotation_lambda_arn = "arn:aws:lambda:eu-west-2:111122223333:function:rotate-postgres"

  rotation_rules {
    automatically_after_days = 30
  }
}

# Linked by the secret's name.
resource "aws_secretsmanager_secret" "radius" {
  name = "oss/radius/shared-secret"
}

resource "aws_secretsmanager_secret_rotation" "radius" {
  secret_id           = "oss/radius/shared-secret"
  rotation_lambda_arn = "arn:aws:lambda:eu-west-2:111122223333:function:rotate-radius"

  rotation_rules {
    schedule_expression = "rate(60 days)"
  }
}
