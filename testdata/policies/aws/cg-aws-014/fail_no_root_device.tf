# No root_block_device and no EBS encryption by default in this
# configuration: the root volume is the AMI's, unencrypted.
resource "aws_instance" "defaults" { # expect: CG-AWS-014 aws_instance.defaults
  ami           = "ami-0a1b2c3d4e5f60718"
  instance_type = "t3.micro"
}

# Default encryption switched off does not cover anything.
resource "aws_ebs_encryption_by_default" "off" {
  enabled = false # expect: CG-AWS-014 aws_ebs_encryption_by_default.off
}

resource "aws_ebs_volume" "scratch" { # expect: CG-AWS-014 aws_ebs_volume.scratch
  availability_zone = "eu-west-2a"
  size              = 20
}
