resource "aws_ecr_repository" "smf" { # expect: CG-AWS-031 aws_ecr_repository.smf
  name = "core/smf"
}

resource "aws_ecr_repository" "amf" {
  name = "core/amf"

  image_scanning_configuration {
    scan_on_push = false # expect: CG-AWS-031 aws_ecr_repository.amf
  }
}
