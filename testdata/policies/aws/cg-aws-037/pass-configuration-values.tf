# Regression: names that say secret with values that configure rather than
# authenticate (a number, a boolean, a path, a URL without a password) were
# reported.
resource "aws_lambda_function" "summariser" {
  function_name = "ticket-summariser"
  role          = "arn:aws:iam::111122223333:role/summariser"
  runtime       = "python3.12"
  handler       = "app.handler"
  filename      = "summariser.zip"

  environment {
    variables = {
      MAX_TOTAL_TOKENS               = "2048"
      GOOGLE_APPLICATION_CREDENTIALS = "/var/secrets/google/key.json"
      MYSQL_ALLOW_EMPTY_PASSWORD     = "1"
      REQUIRE_TOKEN                  = "true"
      OIDC_TOKEN                     = "https://auth.example.net/oauth2/token"
    }
  }
}

resource "aws_instance" "db" {
  ami           = "ami-0a1b2c3d4e5f60718"
  instance_type = "t3.micro"
  user_data     = "#!/bin/bash\nexport MYSQL_ALLOW_EMPTY_PASSWORD=1\nexport MAX_TOKENS=4096\nexport GOOGLE_CREDENTIALS_TOKEN=/var/secrets/token\n"
}
