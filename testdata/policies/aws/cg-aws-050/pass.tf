resource "aws_elb" "portal" {
  name               = "portal"
  availability_zones = ["eu-west-2a", "eu-west-2b"]

  listener {
    lb_port            = 443
    lb_protocol        = "HTTPS"
    instance_port      = 8443
    instance_protocol  = "https"
    ssl_certificate_id = "arn:aws:acm:eu-west-2:123456789012:certificate/0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9"
  }

  listener {
    lb_port            = 5061
    lb_protocol        = "ssl"
    instance_port      = 5061
    instance_protocol  = "ssl"
    ssl_certificate_id = "arn:aws:acm:eu-west-2:123456789012:certificate/0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9"
  }
}
