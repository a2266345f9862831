resource "aws_ebs_encryption_by_default" "this" {
  enabled = true
}

resource "aws_ebs_volume" "mme_data" {
  availability_zone = "eu-west-2a"
  size              = 200
  encrypted         = true
}

resource "aws_instance" "probe" {
  ami           = "ami-0a1b2c3d4e5f60718"
  instance_type = "m6i.large"

  root_block_device {
    volume_size = 50
    encrypted   = true
  }

  ebs_block_device {
    device_name = "/dev/sdf"
    volume_size = 500
    encrypted   = true
  }
}

# No block devices declared, but the account encrypts by default (above).
resource "aws_instance" "defaults" {
  ami           = "ami-0a1b2c3d4e5f60718"
  instance_type = "t3.micro"
}

# Encrypted by the account default too, though it does not say so itself.
resource "aws_ebs_volume" "scratch" {
  availability_zone = "eu-west-2a"
  size              = 20
}
