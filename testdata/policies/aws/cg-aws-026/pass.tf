resource "aws_api_gateway_method" "provision_line" {
  rest_api_id   = "a1b2c3d4e5"
  resource_id   = "r1s2t3"
  http_method   = "POST"
  authorization = "AWS_IAM"
}

resource "aws_api_gateway_method" "lookup" {
  rest_api_id   = "a1b2c3d4e5"
  resource_id   = "r1s2t3"
  http_method   = "GET"
  authorization = "CUSTOM"
  authorizer_id = "auth01"
}

# CORS preflight: browsers send it without credentials.
resource "aws_api_gateway_method" "preflight" {
  rest_api_id   = "a1b2c3d4e5"
  resource_id   = "r1s2t3"
  http_method   = "OPTIONS"
  authorization = "NONE"
}
