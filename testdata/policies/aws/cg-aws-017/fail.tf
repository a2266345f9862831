resource "aws_lb_listener" "old_policy" {
  load_balancer_arn = "arn:aws:elasticloadbalancing:eu-west-2:111122223333:loadbalancer/app/portal/50dc6c495c0c9188"
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-2016-08" # expect: CG-AWS-017 aws_lb_listener.old_policy
  certificate_arn   = "arn:aws:acm:eu-west-2:111122223333:certificate/12345678-1234-1234-1234-123456789012"

  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-2:111122223333:targetgroup/portal/73e2d6bc24d8a067"
  }
}

# TLS13 policy family that still accepts TLS 1.0.
resource "aws_lb_listener" "tls13_1_0" {
  load_balancer_arn = "arn:aws:elasticloadbalancing:eu-west-2:111122223333:loadbalancer/net/dra/1a2b3c4d5e6f7a8b"
  port              = 3868
  protocol          = "TLS"
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-0-2021-06" # expect: CG-AWS-017 aws_lb_listener.tls13_1_0
  certificate_arn   = "arn:aws:acm:eu-west-2:111122223333:certificate/12345678-1234-1234-1234-123456789012"

  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-2:111122223333:targetgroup/dra/1a2b3c4d5e6f7a8b"
  }
}

# HTTPS without an explicit policy.
resource "aws_lb_listener" "no_policy" {
  load_balancer_arn = "arn:aws:elasticloadbalancing:eu-west-2:111122223333:loadbalancer/app/api/50dc6c495c0c9189"
  port              = 443
  protocol          = "HTTPS" # expect: CG-AWS-017 aws_lb_listener.no_policy
  certificate_arn   = "arn:aws:acm:eu-west-2:111122223333:certificate/12345678-1234-1234-1234-123456789012"

  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-2:111122223333:targetgroup/api/73e2d6bc24d8a068"
  }
}

# Plain HTTP forwarding to targets.
resource "aws_lb_listener" "http_forward" {
  load_balancer_arn = "arn:aws:elasticloadbalancing:eu-west-2:111122223333:loadbalancer/app/portal/50dc6c495c0c9188"
  port              = 80
  protocol          = "HTTP" # expect: CG-AWS-017 aws_lb_listener.http_forward

  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-2:111122223333:targetgroup/portal/73e2d6bc24d8a067"
  }
}

# No protocol with a port: ALB default is HTTP.
resource "aws_lb_listener" "default_http" { # expect: CG-AWS-017 aws_lb_listener.default_http
  load_balancer_arn = "arn:aws:elasticloadbalancing:eu-west-2:111122223333:loadbalancer/app/status/50dc6c495c0c918a"
  port              = 8080

  default_action {
    type = "fixed-response"

    fixed_response {
      content_type = "text/plain"
      status_code  = "200"
    }
  }
}
