resource "aws_security_group" "db" {
  name   = "db"
  vpc_id = "vpc-0a1b2c3d4e5f60718"

  ingress { # expect: CG-AWS-048 aws_security_group.db
    description = "PostgreSQL"
    from_port   = 5432
    to_port     = 5432
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

  ingress { # expect: CG-AWS-048 aws_security_group.db
    description      = "MongoDB replica set, IPv6"
    from_port        = 27018
    to_port          = 27019
    protocol         = "tcp"
    ipv6_cidr_blocks = ["::/0"]
  }
}

resource "aws_security_group" "search" {
  name   = "search"
  vpc_id = "vpc-0a1b2c3d4e5f60718"

  # A range that covers Elasticsearch 9200 and 9300.
  ingress { # expect: CG-AWS-048 aws_security_group.search
    from_port   = 9000
    to_port     = 9400
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_security_group" "everything" {
  name   = "debug-open"
  vpc_id = "vpc-0a1b2c3d4e5f60718"

  ingress { # expect: CG-AWS-048 aws_security_group.everything
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
