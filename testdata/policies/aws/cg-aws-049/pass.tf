variable "shared_sg_id" {
  type = string
}

resource "aws_security_group" "web" {
  name   = "web"
  vpc_id = "vpc-0a1b2c3d4e5f60718"

  ingress {
    from_port        = 80
    to_port          = 80
    protocol         = "tcp"
    cidr_blocks      = ["0.0.0.0/0"]
    ipv6_cidr_blocks = ["::/0"]
  }

  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  ingress {
    description = "Metrics from the monitoring network"
    from_port   = 9100
    to_port     = 9100
    protocol    = "tcp"
    cidr_blocks = ["10.40.0.0/24"]
  }

  ingress {
    description = "Path MTU discovery"
    from_port   = 3
    to_port     = 4
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

# Reported by the more specific rules, not again here: SSH (CG-AWS-010),
# Kubernetes API (CG-AWS-011), PostgreSQL (CG-AWS-048), all traffic (CG-AWS-010).
resource "aws_security_group_rule" "ssh" {
  type              = "ingress"
  security_group_id = var.shared_sg_id
  from_port         = 22
  to_port           = 22
  protocol          = "tcp"
  cidr_blocks       = ["0.0.0.0/0"]
}

resource "aws_security_group_rule" "k8s_api" {
  type              = "ingress"
  security_group_id = var.shared_sg_id
  from_port         = 6443
  to_port           = 6443
  protocol          = "tcp"
  cidr_blocks       = ["0.0.0.0/0"]
}

resource "aws_vpc_security_group_ingress_rule" "range_with_postgres" {
  security_group_id = var.shared_sg_id
  ip_protocol       = "tcp"
  from_port         = 5000
  to_port           = 5500
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc_security_group_ingress_rule" "all" {
  security_group_id = var.shared_sg_id
  ip_protocol       = "-1"
  cidr_ipv4         = "0.0.0.0/0"
}
