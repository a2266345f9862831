resource "aws_api_gateway_method" "open" {
  rest_api_id   = "a1b2c3d4e5"
  resource_id   = "r1s2t3"
  http_method   = "DELETE"
  authorization = "NONE" # expect: CG-AWS-026 aws_api_gateway_method.open
}

# An API key identifies the caller; it does not authorise the request.
resource "aws_api_gateway_method" "api_key_only" {
  rest_api_id      = "a1b2c3d4e5"
  resource_id      = "r1s2t3"
  http_method      = "GET"
  authorization    = "NONE" # expect: CG-AWS-026 aws_api_gateway_method.api_key_only
  api_key_required = true
}
