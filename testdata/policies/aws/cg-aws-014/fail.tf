resource "aws_ebs_encryption_by_default" "this" {
  enabled = false # expect: CG-AWS-014 aws_ebs_encryption_by_default.this
}

resource "aws_ebs_volume" "missing" { # expect: CG-AWS-014 aws_ebs_volume.missing
  availability_zone = "eu-west-2a"
  size              = 100
}

resource "aws_ebs_volume" "off" {
  availability_zone = "eu-west-2b"
  size              = 100
  encrypted         = false # expect: CG-AWS-014 aws_ebs_volume.off
}

resource "aws_instance" "root_plain" { # expect: CG-AWS-014 aws_instance.root_plain
  ami           = "ami-0a1b2c3d4e5f60718"
  instance_type = "m6i.large"

  root_block_device {
    volume_size = 50
  }
}

resource "aws_instance" "data_plain" { # expect: CG-AWS-014 aws_instance.data_plain
  ami           = "ami-0a1b2c3d4e5f60718"
  instance_type = "m6i.large"

  root_block_device {
    encrypted = true
  }

  ebs_block_device {
    device_name = "/dev/sdf"
    volume_size = 500
    encrypted   = false
  }
}
