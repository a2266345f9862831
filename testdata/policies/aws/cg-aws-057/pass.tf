resource "aws_subnet" "private_a" {
  vpc_id                  = "vpc-0a1b2c3d4e5f60718"
  cidr_block              = "10.20.1.0/24"
  map_public_ip_on_launch = false
}

resource "aws_subnet" "private_b" {
  vpc_id     = "vpc-0a1b2c3d4e5f60718"
  cidr_block = "10.20.2.0/24"
}

resource "aws_subnet" "decided_elsewhere" {
  vpc_id                  = "vpc-0a1b2c3d4e5f60718"
  cidr_block              = "10.20.3.0/24"
  map_public_ip_on_launch = var.public
}

variable "public" {
  type = bool
}
