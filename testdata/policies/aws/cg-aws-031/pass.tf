resource "aws_ecr_repository" "upf" {
  name                 = "core/upf"
  image_tag_mutability = "IMMUTABLE"

  image_scanning_configuration {
    scan_on_push = true
  }
}
