variable "shared_sg_id" {
  type = string
}

resource "aws_security_group" "internal_ssh" {
  name   = "internal-ssh"
  vpc_id = "vpc-0a1b2c3d4e5f60718"

  ingress {
    description = "SSH from the corporate network"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/8"]
  }

  ingress {
    description      = "HTTPS from anywhere"
    from_port        = 443
    to_port          = 443
    protocol         = "tcp"
    cidr_blocks      = ["0.0.0.0/0"]
    ipv6_cidr_blocks = ["::/0"]
  }

  ingress {
    description = "Path MTU discovery"
    from_port   = 3
    to_port     = 4
    protocol    = "icmp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  egress {
    from_port        = 0
    to_port          = 0
    protocol         = "-1"
    cidr_blocks      = ["0.0.0.0/0"]
    ipv6_cidr_blocks = ["::/0"]
  }
}

resource "aws_security_group" "sip" {
  name   = "sip-edge"
  vpc_id = "vpc-0a1b2c3d4e5f60718"
}

resource "aws_security_group_rule" "sip_signalling" {
  type              = "ingress"
  security_group_id = aws_security_group.sip.id
  from_port         = 5060
  to_port           = 5061
  protocol          = "udp"
  cidr_blocks       = ["0.0.0.0/0"]
}

resource "aws_vpc_security_group_ingress_rule" "sip_rtp" {
  security_group_id = aws_security_group.sip.id
  ip_protocol       = "udp"
  from_port         = 10000
  to_port           = 20000
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_security_group_rule" "shared_egress" {
  type              = "egress"
  security_group_id = var.shared_sg_id
  from_port         = 0
  to_port           = 65535
  protocol          = "tcp"
  cidr_blocks       = ["0.0.0.0/0"]
}

resource "aws_vpc_security_group_ingress_rule" "shared_ssh_vpn" {
  security_group_id = var.shared_sg_id
  ip_protocol       = "tcp"
  from_port         = 22
  to_port           = 22
  cidr_ipv4         = "172.16.0.0/12"
}
