resource "aws_ecr_repository" "smf" { # expect: CG-AWS-032 aws_ecr_repository.smf
  name = "core/smf"
}

resource "aws_ecr_repository" "amf" {
  name                 = "core/amf"
  image_tag_mutability = "MUTABLE" # expect: CG-AWS-032 aws_ecr_repository.amf
}
