resource "aws_instance" "bastion" {
  ami           = "ami-0a1b2c3d4e5f60718"
  instance_type = "t3.micro"

  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "required"
    http_put_response_hop_limit = 1
  }
}

resource "aws_instance" "appliance" {
  ami           = "ami-0a1b2c3d4e5f60718"
  instance_type = "c6in.xlarge"

  metadata_options {
    http_endpoint = "disabled"
  }
}

resource "aws_launch_template" "upf" {
  name_prefix   = "upf-"
  image_id      = "ami-0a1b2c3d4e5f60718"
  instance_type = "c6in.4xlarge"

  metadata_options {
    http_tokens = "required"
  }
}
