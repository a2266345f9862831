variable "radius_shared_secret" {
  type      = string
  sensitive = true
}

resource "aws_ssm_parameter" "radius_shared_secret" {
  name  = "/oss/radius/shared-secret"
  type  = "SecureString"
  value = var.radius_shared_secret
}

resource "aws_ssm_parameter" "db_password_arn" {
  name  = "/oss/db/password-arn"
  type  = "String"
  value = "arn:aws:secretsmanager:eu-west-2:111122223333:secret:oss/db/master"
}

resource "aws_ssm_parameter" "log_level" {
  name  = "/oss/provisioning/log-level"
  type  = "String"
  value = "INFO"
}

resource "aws_lambda_function" "provisioning" {
  function_name = "provisioning-api"
  role          = "arn:aws:iam::111122223333:role/provisioning"
  runtime       = "python3.12"
  handler       = "app.handler"
  filename      = "provisioning.zip"

  environment {
    variables = {
      DB_SECRET_ARN   = "arn:aws:secretsmanager:eu-west-2:111122223333:secret:oss/db/master"
      API_TOKEN_PATH  = "/oss/provisioning/api-token"
      TOKEN_TTL       = 3600
      VENDOR_API_KEY  = ""
      LOG_LEVEL       = "INFO"
    }
  }
}

# A value from a variable or reference is not known before apply: never a finding.
resource "aws_lambda_function" "from_variable" {
  function_name = "radius-sync"
  role          = "arn:aws:iam::111122223333:role/radius-sync"
  runtime       = "python3.12"
  handler       = "app.handler"
  filename      = "radius-sync.zip"

  environment {
    variables = {
      RADIUS_SECRET = var.radius_shared_secret
    }
  }
}

resource "aws_instance" "probe" {
  ami           = "ami-0a1b2c3d4e5f60718"
  instance_type = "t3.micro"
  user_data     = <<-EOT
    #!/bin/bash
    TOKEN=$(curl -s -X PUT http://169.254.169.254/latest/api/token -H "X-aws-ec2-metadata-token-ttl-seconds: 60")
    password=$(aws secretsmanager get-secret-value --secret-id oss/probe --query SecretString --output text)
    /opt/probe/start --password-file /run/probe/password
  EOT
}

# A path segment names what the parameter holds: the token's ARN, not the token.
resource "aws_ssm_parameter" "github_token_arn" {
  name  = "/app/github-token/arn"
  type  = "String"
  value = "arn:aws:secretsmanager:eu-west-2:111122223333:secret:app/github-token"
}
