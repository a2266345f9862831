# Never started: no status resource.
resource "aws_config_configuration_recorder" "never_started" { # expect: CG-AWS-035 aws_config_configuration_recorder.never_started
  name     = "never-started"
  role_arn = "arn:aws:iam::111122223333:role/config"

  recording_group {
    all_supported = true
  }
}

resource "aws_config_configuration_recorder" "stopped" { # expect: CG-AWS-035 aws_config_configuration_recorder.stopped
  name     = "stopped"
  role_arn = "arn:aws:iam::111122223333:role/config"
}

resource "aws_config_configuration_recorder_status" "stopped" {
  name       = aws_config_configuration_recorder.stopped.name
  is_enabled = false
}

# A hand-picked list of types misses everything else.
resource "aws_config_configuration_recorder" "selected" { # expect: CG-AWS-035 aws_config_configuration_recorder.selected
  name     = "selected"
  role_arn = "arn:aws:iam::111122223333:role/config"

  recording_group {
    all_supported  = false
    resource_types = ["AWS::EC2::Instance", "AWS::S3::Bucket"]
  }
}

resource "aws_config_configuration_recorder_status" "selected" {
  name       = aws_config_configuration_recorder.selected.name
  is_enabled = true
}
