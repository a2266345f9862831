resource "aws_instance" "no_options" { # expect: CG-AWS-013 aws_instance.no_options
  ami           = "ami-0a1b2c3d4e5f60718"
  instance_type = "t3.micro"
}

resource "aws_instance" "optional" {
  ami           = "ami-0a1b2c3d4e5f60718"
  instance_type = "t3.micro"

  metadata_options {
    http_endpoint = "enabled"
    http_tokens   = "optional" # expect: CG-AWS-013 aws_instance.optional
  }
}

resource "aws_launch_template" "hop_limit_only" {
  name_prefix   = "smf-"
  image_id      = "ami-0a1b2c3d4e5f60718"
  instance_type = "c6i.2xlarge"

  metadata_options { # expect: CG-AWS-013 aws_launch_template.hop_limit_only
    http_put_response_hop_limit = 2
  }
}

resource "aws_launch_template" "bare" { # expect: CG-AWS-013 aws_launch_template.bare
  name_prefix   = "amf-"
  image_id      = "ami-0a1b2c3d4e5f60718"
  instance_type = "c6i.2xlarge"
}
