resource "aws_subnet" "public_a" {
  vpc_id                  = "vpc-0a1b2c3d4e5f60718"
  cidr_block              = "10.20.0.0/24"
  map_public_ip_on_launch = true # expect: CG-AWS-057 aws_subnet.public_a
}

resource "aws_default_subnet" "a" {
  availability_zone       = "eu-west-2a"
  map_public_ip_on_launch = "true" # expect: CG-AWS-057 aws_default_subnet.a
}
