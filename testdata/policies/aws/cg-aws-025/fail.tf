resource "aws_api_gateway_stage" "provisioning_test" { # expect: CG-AWS-025 aws_api_gateway_stage.provisioning_test
  rest_api_id   = "a1b2c3d4e5"
  deployment_id = "abc123"
  stage_name    = "test"
}

resource "aws_apigatewayv2_stage" "partner" { # expect: CG-AWS-025 aws_apigatewayv2_stage.partner
  api_id      = "f6g7h8i9j0"
  name        = "partner"
  auto_deploy = true
}

resource "aws_apigatewayv2_stage" "empty_destination" {
  api_id = "f6g7h8i9j0"
  name   = "internal"

  access_log_settings {
    destination_arn = "" # expect: CG-AWS-025 aws_apigatewayv2_stage.empty_destination
    format          = "$context.requestId"
  }
}
