resource "aws_lb_listener" "portal_https" {
  load_balancer_arn = "arn:aws:elasticloadbalancing:eu-west-2:111122223333:loadbalancer/app/portal/50dc6c495c0c9188"
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"
  certificate_arn   = "arn:aws:acm:eu-west-2:111122223333:certificate/12345678-1234-1234-1234-123456789012"

  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-2:111122223333:targetgroup/portal/73e2d6bc24d8a067"
  }
}

resource "aws_lb_listener" "portal_http" {
  load_balancer_arn = "arn:aws:elasticloadbalancing:eu-west-2:111122223333:loadbalancer/app/portal/50dc6c495c0c9188"
  port              = 80
  protocol          = "HTTP"

  default_action {
    type = "redirect"

    redirect {
      port        = "443"
      protocol    = "HTTPS"
      status_code = "HTTP_301"
    }
  }
}

resource "aws_lb_listener" "diameter_tls" {
  load_balancer_arn = "arn:aws:elasticloadbalancing:eu-west-2:111122223333:loadbalancer/net/dra/1a2b3c4d5e6f7a8b"
  port              = 3868
  protocol          = "TLS"
  ssl_policy        = "ELBSecurityPolicy-TLS-1-2-Ext-2018-06"
  certificate_arn   = "arn:aws:acm:eu-west-2:111122223333:certificate/12345678-1234-1234-1234-123456789012"

  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-2:111122223333:targetgroup/dra/1a2b3c4d5e6f7a8b"
  }
}

resource "aws_lb_listener" "api_fs" {
  load_balancer_arn = "arn:aws:elasticloadbalancing:eu-west-2:111122223333:loadbalancer/app/api/50dc6c495c0c9189"
  port              = 8443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-FS-1-2-Res-2020-10"
  certificate_arn   = "arn:aws:acm:eu-west-2:111122223333:certificate/12345678-1234-1234-1234-123456789012"

  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-2:111122223333:targetgroup/api/73e2d6bc24d8a068"
  }
}

# Plain TCP (e.g. SIP over NLB): TLS is not applicable at the listener.
resource "aws_lb_listener" "sip_tcp" {
  load_balancer_arn = "arn:aws:elasticloadbalancing:eu-west-2:111122223333:loadbalancer/net/sip/1a2b3c4d5e6f7a8c"
  port              = 5060
  protocol          = "TCP_UDP"

  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-2:111122223333:targetgroup/sip/1a2b3c4d5e6f7a8c"
  }
}

# Gateway Load Balancer listener: no protocol and no port.
resource "aws_lb_listener" "inspection" {
  load_balancer_arn = "arn:aws:elasticloadbalancing:eu-west-2:111122223333:loadbalancer/gwy/inspection/1a2b3c4d5e6f7a8d"

  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-2:111122223333:targetgroup/inspection/1a2b3c4d5e6f7a8d"
  }
}
