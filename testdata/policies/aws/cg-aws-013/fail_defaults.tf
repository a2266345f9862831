# Amazon Linux 2 allows IMDSv1 unless told otherwise.
data "aws_ssm_parameter" "al2" {
  name = "/aws/service/ami-amazon-linux-latest/amzn2-ami-hvm-x86_64-gp2"
}

resource "aws_instance" "legacy" { # expect: CG-AWS-013 aws_instance.legacy
  ami           = data.aws_ssm_parameter.al2.value
  instance_type = "t3.micro"
}

# An Amazon Linux 2023 image, but the instance turns tokens back to optional.
data "aws_ssm_parameter" "al2023" {
  name = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64"
}

resource "aws_instance" "reopened" {
  ami           = data.aws_ssm_parameter.al2023.value
  instance_type = "t3.micro"

  metadata_options {
    http_tokens = "optional" # expect: CG-AWS-013 aws_instance.reopened
  }
}

# An account default that leaves the choice to the image.
resource "aws_ec2_instance_metadata_defaults" "this" {
  http_tokens = "no-preference"
}
