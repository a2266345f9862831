variable "shared_sg_id" {
  type = string
}

resource "aws_security_group" "k8s_nodes" {
  name   = "k8s-nodes"
  vpc_id = "vpc-0a1b2c3d4e5f60718"

  ingress { # expect: CG-AWS-011 aws_security_group.k8s_nodes
    description = "Kubernetes API"
    from_port   = 6443
    to_port     = 6443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  ingress { # expect: CG-AWS-011 aws_security_group.k8s_nodes
    description      = "kubelet"
    from_port        = 10250
    to_port          = 10250
    protocol         = "tcp"
    ipv6_cidr_blocks = ["::/0"]
  }

  ingress {
    description = "NodePorts from the load balancer subnets"
    from_port   = 30000
    to_port     = 32767
    protocol    = "tcp"
    cidr_blocks = ["10.20.0.0/16"]
  }
}

resource "aws_security_group" "router_mgmt" {
  name   = "router-mgmt"
  vpc_id = "vpc-0a1b2c3d4e5f60718"

  ingress { # expect: CG-AWS-011 aws_security_group.router_mgmt
    description = "SNMP"
    from_port   = 161
    to_port     = 161
    protocol    = "udp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  ingress { # expect: CG-AWS-011 aws_security_group.router_mgmt
    description = "Telnet and friends"
    from_port   = 20
    to_port     = 25
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_security_group" "docker_host" {
  name   = "docker-host"
  vpc_id = "vpc-0a1b2c3d4e5f60718"
}

resource "aws_security_group_rule" "docker_api" { # expect: CG-AWS-011 aws_security_group.docker_host
  type              = "ingress"
  security_group_id = aws_security_group.docker_host.id
  from_port         = 2375
  to_port           = 2376
  protocol          = "tcp"
  cidr_blocks       = ["0.0.0.0/0"]
}

resource "aws_vpc_security_group_ingress_rule" "winrm" { # expect: CG-AWS-011 aws_vpc_security_group_ingress_rule.winrm
  security_group_id = var.shared_sg_id
  ip_protocol       = "tcp"
  from_port         = 5986
  to_port           = 5986
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc_security_group_ingress_rule" "everything" { # expect: CG-AWS-011 aws_vpc_security_group_ingress_rule.everything
  security_group_id = var.shared_sg_id
  ip_protocol       = "-1"
  cidr_ipv4         = "0.0.0.0/0"
}
