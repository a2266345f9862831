resource "aws_elb" "portal" {
  name               = "portal"
  availability_zones = ["eu-west-2a"]

  listener {
    lb_port            = 443
    lb_protocol        = "https"
    instance_port      = 8443
    instance_protocol  = "https"
    ssl_certificate_id = "arn:aws:acm:eu-west-2:123456789012:certificate/0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9"
  }
}

resource "aws_lb_ssl_negotiation_policy" "old_reference" {
  name          = "portal-2016"
  load_balancer = aws_elb.portal.id
  lb_port       = 443

  attribute {
    name  = "Reference-Security-Policy"
    value = "ELBSecurityPolicy-2016-08" # expect: CG-AWS-051 aws_lb_ssl_negotiation_policy.old_reference
  }
}

resource "aws_lb_ssl_negotiation_policy" "custom" {
  name          = "portal-custom"
  load_balancer = aws_elb.portal.id
  lb_port       = 443

  attribute {
    name  = "Protocol-TLSv1.2"
    value = "true"
  }

  attribute {
    name  = "Protocol-TLSv1"
    value = "true" # expect: CG-AWS-051 aws_lb_ssl_negotiation_policy.custom
  }

  attribute {
    name  = "ECDHE-RSA-AES128-GCM-SHA256"
    value = "true"
  }

  attribute {
    name  = "DES-CBC3-SHA"
    value = "true" # expect: CG-AWS-051 aws_lb_ssl_negotiation_policy.custom
  }
}

resource "aws_load_balancer_policy" "ssl3" {
  load_balancer_name = aws_elb.portal.name
  policy_name        = "portal-ssl3"
  policy_type_name   = "SSLNegotiationPolicyType"

  policy_attribute {
    name  = "Protocol-SSLv3"
    value = "true" # expect: CG-AWS-051 aws_load_balancer_policy.ssl3
  }

  policy_attribute {
    name  = "Protocol-TLSv1.2"
    value = "true"
  }
}

resource "aws_load_balancer_policy" "tls11_reference" {
  load_balancer_name = aws_elb.portal.name
  policy_name        = "portal-tls11"
  policy_type_name   = "SSLNegotiationPolicyType"

  policy_attribute {
    name  = "Reference-Security-Policy"
    value = "ELBSecurityPolicy-TLS-1-1-2017-01" # expect: CG-AWS-051 aws_load_balancer_policy.tls11_reference
  }
}
