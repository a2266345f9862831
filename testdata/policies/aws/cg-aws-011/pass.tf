variable "shared_sg_id" {
  type = string
}

resource "aws_security_group" "k8s_control_plane" {
  name   = "k8s-control-plane"
  vpc_id = "vpc-0a1b2c3d4e5f60718"

  ingress {
    description = "Kubernetes API from the management VPN"
    from_port   = 6443
    to_port     = 6443
    protocol    = "tcp"
    cidr_blocks = ["10.250.0.0/16"]
  }

  ingress {
    description = "HTTPS ingress"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  ingress {
    description = "Echo request"
    from_port   = 8
    to_port     = 0
    protocol    = "icmp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_security_group_rule" "snmp_from_nms" {
  type              = "ingress"
  security_group_id = var.shared_sg_id
  from_port         = 161
  to_port           = 162
  protocol          = "udp"
  cidr_blocks       = ["10.251.4.0/24"]
}

resource "aws_vpc_security_group_ingress_rule" "netconf_from_orchestrator" {
  security_group_id            = var.shared_sg_id
  ip_protocol                  = "tcp"
  from_port                    = 830
  to_port                      = 830
  referenced_security_group_id = "sg-0123456789abcdef0"
}
