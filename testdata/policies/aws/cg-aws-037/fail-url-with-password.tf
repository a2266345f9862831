# A URL with user:password@ is a secret whatever its name.
resource "aws_lambda_function" "broker_client" {
  function_name = "broker-client"
  role          = "arn:aws:iam::111122223333:role/broker-client"
  runtime       = "python3.12"
  handler       = "app.handler"
  filename      = "broker-client.zip"

  environment {
    variables = { # expect: CG-AWS-037 aws_lambda_function.broker_client
      MAX_TOTAL_TOKENS = "2048"
      BROKER           = "amqps://client:example-pass@broker.example.net:5671/"
    }
  }
}
