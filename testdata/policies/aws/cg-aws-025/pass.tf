resource "aws_api_gateway_stage" "provisioning_prod" {
  rest_api_id   = "a1b2c3d4e5"
  deployment_id = "abc123"
  stage_name    = "prod"

  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.api_access.arn
    format          = "$context.requestId $context.identity.sourceIp $context.status"
  }
}

resource "aws_cloudwatch_log_group" "api_access" {
  name              = "/api/access"
  retention_in_days = 400
}

resource "aws_apigatewayv2_stage" "self_care" {
  api_id = "f6g7h8i9j0"
  name   = "$default"

  access_log_settings {
    destination_arn = "arn:aws:logs:eu-west-2:111122223333:log-group:/api/self-care"
    format          = "$context.requestId $context.status"
  }
}
