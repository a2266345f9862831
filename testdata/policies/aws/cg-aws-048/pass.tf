variable "shared_sg_id" {
  type = string
}

resource "aws_security_group" "db" {
  name   = "db"
  vpc_id = "vpc-0a1b2c3d4e5f60718"

  ingress {
    description     = "PostgreSQL from the application tier"
    from_port       = 5432
    to_port         = 5432
    protocol        = "tcp"
    security_groups = [aws_security_group.app.id]
  }

  ingress {
    description = "MySQL from the private network"
    from_port   = 3306
    to_port     = 3306
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/8"]
  }

  ingress {
    description = "HTTPS from anywhere"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
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

resource "aws_security_group" "app" {
  name   = "app"
  vpc_id = "vpc-0a1b2c3d4e5f60718"
}

# Just below and just above data service ports: not reported here.
resource "aws_security_group_rule" "below_mongo" {
  type              = "ingress"
  security_group_id = var.shared_sg_id
  from_port         = 27000
  to_port           = 27016
  protocol          = "tcp"
  cidr_blocks       = ["0.0.0.0/0"]
}

resource "aws_vpc_security_group_ingress_rule" "above_redis" {
  security_group_id = var.shared_sg_id
  ip_protocol       = "tcp"
  from_port         = 6380
  to_port           = 6390
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_security_group_rule" "egress_to_db" {
  type              = "egress"
  security_group_id = var.shared_sg_id
  from_port         = 5432
  to_port           = 5432
  protocol          = "tcp"
  cidr_blocks       = ["0.0.0.0/0"]
}
