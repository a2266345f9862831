resource "aws_elb" "legacy" {
  name               = "legacy-portal"
  availability_zones = ["eu-west-2a", "eu-west-2b"]

  listener {
    lb_port           = 80
    lb_protocol       = "http" # expect: CG-AWS-050 aws_elb.legacy
    instance_port     = 8080
    instance_protocol = "http"
  }

  listener {
    lb_port            = 443
    lb_protocol        = "https"
    instance_port      = 8443
    instance_protocol  = "https"
    ssl_certificate_id = "arn:aws:acm:eu-west-2:123456789012:certificate/0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9"
  }

  listener {
    lb_port           = 5060
    lb_protocol       = "TCP" # expect: CG-AWS-050 aws_elb.legacy
    instance_port     = 5060
    instance_protocol = "TCP"
  }
}
