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

resource "aws_lb_ssl_negotiation_policy" "reference" {
  name          = "portal-tls12"
  load_balancer = aws_elb.portal.id
  lb_port       = 443

  attribute {
    name  = "Reference-Security-Policy"
    value = "ELBSecurityPolicy-TLS-1-2-2017-01"
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
    value = "false"
  }

  attribute {
    name  = "Protocol-TLSv1.1"
    value = "false"
  }

  attribute {
    name  = "ECDHE-ECDSA-AES256-GCM-SHA384"
    value = "true"
  }

  attribute {
    name  = "DES-CBC3-SHA"
    value = "false"
  }
}

resource "aws_load_balancer_policy" "tls12" {
  load_balancer_name = aws_elb.portal.name
  policy_name        = "portal-tls12"
  policy_type_name   = "SSLNegotiationPolicyType"

  policy_attribute {
    name  = "Reference-Security-Policy"
    value = "ELBSecurityPolicy-TLS-1-2-Ext-2018-06"
  }
}

# Not a negotiation policy: not assessed.
resource "aws_load_balancer_policy" "proxy_protocol" {
  load_balancer_name = aws_elb.portal.name
  policy_name        = "portal-proxy-protocol"
  policy_type_name   = "ProxyProtocolPolicyType"

  policy_attribute {
    name  = "ProxyProtocol"
    value = "true"
  }
}
