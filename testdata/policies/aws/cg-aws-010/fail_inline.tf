resource "aws_security_group" "bastion" {
  name   = "bastion"
  vpc_id = "vpc-0a1b2c3d4e5f60718"

  ingress { # expect: CG-AWS-010 aws_security_group.bastion
    description = "SSH"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  ingress {
    description = "HTTPS"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_security_group" "all_tcp" {
  name   = "legacy-all-tcp"
  vpc_id = "vpc-0a1b2c3d4e5f60718"

  ingress { # expect: CG-AWS-010 aws_security_group.all_tcp
    from_port   = 0
    to_port     = 65535
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/8", "0.0.0.0/0"]
  }
}

resource "aws_security_group" "all_traffic" {
  name   = "debug-open"
  vpc_id = "vpc-0a1b2c3d4e5f60718"

  ingress { # expect: CG-AWS-010 aws_security_group.all_traffic
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_security_group" "all_traffic_int" {
  name   = "debug-open-int"
  vpc_id = "vpc-0a1b2c3d4e5f60718"

  ingress { # expect: CG-AWS-010 aws_security_group.all_traffic_int
    from_port   = 0
    to_port     = 0
    protocol    = -1
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_security_group" "rdp_v6" {
  name   = "windows-jump"
  vpc_id = "vpc-0a1b2c3d4e5f60718"

  ingress { # expect: CG-AWS-010 aws_security_group.rdp_v6
    description      = "RDP"
    from_port        = 3389
    to_port          = 3389
    protocol         = "tcp"
    ipv6_cidr_blocks = ["::/0"]
  }
}

resource "aws_security_group" "high_ports" {
  name   = "high-ports"
  vpc_id = "vpc-0a1b2c3d4e5f60718"

  ingress { # expect: CG-AWS-010 aws_security_group.high_ports
    description = "Ephemeral range, covers 3389"
    from_port   = 1024
    to_port     = 65535
    protocol    = "6"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
