resource "aws_ssm_parameter" "db_password" {
  name  = "/oss/db/password"
  type  = "String" # expect: CG-AWS-037 aws_ssm_parameter.db_password
  value = "change-me"
}

resource "aws_ssm_parameter" "vendor_tokens" {
  name  = "/ran/vendor/api-tokens"
  type  = "StringList" # expect: CG-AWS-037 aws_ssm_parameter.vendor_tokens
  value = "a,b"
}

resource "aws_lambda_function" "provisioning" {
  function_name = "provisioning-api"
  role          = "arn:aws:iam::111122223333:role/provisioning"
  runtime       = "python3.12"
  handler       = "app.handler"
  filename      = "provisioning.zip"

  environment {
    variables = { # expect: CG-AWS-037 aws_lambda_function.provisioning
      DB_HOST     = "oss-db.internal"
      DB_PASSWORD = "Sup3rS3cret!"
    }
  }
}

resource "aws_lambda_function" "exporter" {
  function_name = "cdr-exporter"
  role          = "arn:aws:iam::111122223333:role/exporter"
  runtime       = "python3.12"
  handler       = "app.handler"
  filename      = "exporter.zip"

  environment {
    variables = { # expect: CG-AWS-037 aws_lambda_function.exporter
      UPLOAD_KEY_ID = "AKIAIOSFODNN7EXAMPLE"
    }
  }
}

resource "aws_instance" "legacy_probe" {
  ami           = "ami-0a1b2c3d4e5f60718"
  instance_type = "t3.micro"
  user_data     = "#!/bin/bash\nexport DB_PASSWORD=\"hunter2\"\n/opt/probe/start\n" # expect: CG-AWS-037 aws_instance.legacy_probe
}

resource "aws_instance" "key_in_user_data" {
  ami           = "ami-0a1b2c3d4e5f60718"
  instance_type = "t3.micro"
  user_data     = "aws configure set aws_access_key_id AKIAIOSFODNN7EXAMPLE" # expect: CG-AWS-037 aws_instance.key_in_user_data
}

resource "aws_launch_template" "pem" {
  name_prefix = "bastion-"
  image_id    = "ami-0a1b2c3d4e5f60718"
  user_data   = "echo '-----BEGIN RSA PRIVATE KEY-----' > /root/.ssh/id_rsa" # expect: CG-AWS-037 aws_launch_template.pem
}
